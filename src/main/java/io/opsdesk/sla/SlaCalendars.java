package io.opsdesk.sla;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The calendars the {@code calendar} column of decision {@code sla} may name: {@code 24x7}, the default
 * {@code business} calendar and those configured under {@code opsdesk.sla.calendars}. The configuration
 * is checked when the application starts; a mistake stops the start with a message naming the setting.
 */
@Component
@EnableConfigurationProperties(SlaCalendarProperties.class)
public class SlaCalendars {

  public static final String BUSINESS = "business";
  static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  static final Map<String, String> DEFAULT_HOURS = Map.of("MONDAY-FRIDAY", "09:00-18:00");

  private final Map<String, WorkingTime> calendars = new LinkedHashMap<>();

  public SlaCalendars(SlaCalendarProperties properties) {
    calendars.put(WorkingTime.AllHours.NAME, new WorkingTime.AllHours());
    calendars.put(BUSINESS, business(BUSINESS, new SlaCalendarProperties.Calendar()));
    properties.getCalendars().forEach((name, calendar) -> {
      if (WorkingTime.AllHours.NAME.equals(name)) {
        throw new IllegalStateException("opsdesk.sla.calendars." + name + ": 24x7 is built in and cannot be configured");
      }
      calendars.put(name, business(name, calendar));
    });
  }

  /** The calendar of this name; an unknown name is an error, never a silent fallback to another calendar. */
  public WorkingTime get(String name) {
    WorkingTime calendar = calendars.get(name);
    if (calendar == null) {
      throw new IllegalArgumentException("Unknown SLA calendar \"" + name + "\"; known: " + String.join(", ", calendars.keySet())
          + " (configure more under opsdesk.sla.calendars)");
    }
    return calendar;
  }

  private static WorkingTime business(String name, SlaCalendarProperties.Calendar calendar) {
    String key = "opsdesk.sla.calendars." + name;
    try {
      ZoneId zone = calendar.getZone() == null ? DEFAULT_ZONE : zone(calendar.getZone());
      Map<DayOfWeek, List<WorkingTime.Hours>> week = week(calendar.getHours() == null ? DEFAULT_HOURS : calendar.getHours());
      Set<LocalDate> holidays = new HashSet<>();
      for (String date : calendar.getHolidays()) {
        holidays.add(date(date));
      }
      for (String file : calendar.getHolidayFiles()) {
        holidays.addAll(HolidayFile.read(Path.of(file)));
      }
      return new WorkingTime.Business(name, zone, week, holidays);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalStateException(key + ": " + e.getMessage(), e);
    }
  }

  private static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("zone: unknown time zone \"" + zone + "\" (use an id such as Asia/Shanghai)", e);
    }
  }

  private static LocalDate date(String date) {
    try {
      return LocalDate.parse(date.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("holidays: \"" + date + "\" is not a date YYYY-MM-DD", e);
    }
  }

  /** Ranges of weekdays first, so that a single day's entry replaces its range's hours in any order. */
  private static Map<DayOfWeek, List<WorkingTime.Hours>> week(Map<String, String> entries) {
    Map<DayOfWeek, List<WorkingTime.Hours>> week = new EnumMap<>(DayOfWeek.class);
    entries.entrySet().stream()
        .sorted(Comparator.comparing(entry -> !entry.getKey().contains("-")))
        .forEach(entry -> {
          List<WorkingTime.Hours> hours = hours(entry.getKey(), entry.getValue());
          for (DayOfWeek day : days(entry.getKey())) {
            week.put(day, hours);
          }
        });
    return week;
  }

  private static List<DayOfWeek> days(String days) {
    String[] ends = days.split("-", -1);
    if (ends.length > 2) {
      throw new IllegalArgumentException("hours: \"" + days + "\" is not a weekday (MONDAY) or a range (MONDAY-FRIDAY)");
    }
    DayOfWeek first = weekday(ends[0]);
    DayOfWeek last = weekday(ends[ends.length - 1]);
    if (last.compareTo(first) < 0) {
      throw new IllegalArgumentException("hours: range \"" + days + "\" ends before it starts");
    }
    return List.of(DayOfWeek.values()).subList(first.ordinal(), last.ordinal() + 1);
  }

  private static DayOfWeek weekday(String day) {
    try {
      return DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hours: unknown weekday \"" + day.trim() + "\" (MONDAY ... SUNDAY)", e);
    }
  }

  /** "09:00-12:00,13:00-18:00"; empty for a closed day. Ranges may not overlap. */
  private static List<WorkingTime.Hours> hours(String days, String ranges) {
    List<WorkingTime.Hours> hours = new ArrayList<>();
    for (String range : ranges.split(",")) {
      if (range.isBlank()) {
        continue;
      }
      String[] ends = range.split("-");
      try {
        if (ends.length != 2) {
          throw new DateTimeException("not HH:MM-HH:MM");
        }
        hours.add(new WorkingTime.Hours(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim())));
      } catch (DateTimeException | IllegalArgumentException e) {
        throw new IllegalArgumentException("hours." + days + ": \"" + range.trim() + "\": " + e.getMessage(), e);
      }
    }
    hours.sort(Comparator.comparing(WorkingTime.Hours::from));
    for (int i = 1; i < hours.size(); i++) {
      if (hours.get(i).from().isBefore(hours.get(i - 1).to())) {
        throw new IllegalArgumentException("hours." + days + ": \"" + ranges + "\" has overlapping ranges");
      }
    }
    return List.copyOf(hours);
  }
}
