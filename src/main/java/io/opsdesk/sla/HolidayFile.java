package io.opsdesk.sla;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.HashSet;
import java.util.Set;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;

/**
 * The holidays of an iCalendar (.ics) file: every day covered by an all-day VEVENT (multi-day events
 * cover each of their days; DTEND is exclusive, as iCalendar says). Recurring events (RRULE, e.g.
 * yearly) are expanded over {@link #FIRST_YEAR} to {@link #LAST_YEAR}. An event with a time of day
 * is refused: a holiday closes whole days.
 */
final class HolidayFile {

  static final int FIRST_YEAR = 2000;
  static final int LAST_YEAR = 2099;

  private HolidayFile() {
  }

  static Set<LocalDate> read(Path file) {
    net.fortuna.ical4j.model.Calendar calendar;
    try (InputStream in = Files.newInputStream(file)) {
      calendar = new CalendarBuilder().build(in);
    } catch (IOException | ParserException e) {
      throw new IllegalArgumentException("cannot read holiday file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    Period<LocalDate> years = new Period<>(LocalDate.of(FIRST_YEAR, 1, 1), LocalDate.of(LAST_YEAR + 1, 1, 1));
    Set<LocalDate> days = new HashSet<>();
    for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
      Temporal start = event.<Temporal>getStartDate().map(DtStart::getDate).orElseThrow(() -> new IllegalArgumentException(
          "holiday file " + file.toAbsolutePath() + ": an event without DTSTART (" + summary(event) + ")"));
      if (!(start instanceof LocalDate)) {
        throw new IllegalArgumentException("holiday file " + file.toAbsolutePath() + ": event " + summary(event)
            + " starts at a time of day (" + start + "); holidays are all-day events (DTSTART;VALUE=DATE)");
      }
      for (Period<LocalDate> occurrence : event.<LocalDate>calculateRecurrenceSet(years)) {
        LocalDate day = occurrence.getStart();
        // An all-day event without DTEND or DURATION lasts its start day.
        LocalDate end = occurrence.getEnd().isAfter(day) ? occurrence.getEnd() : day.plusDays(1);
        for (; day.isBefore(end); day = day.plusDays(1)) {
          days.add(day);
        }
      }
    }
    return days;
  }

  private static String summary(VEvent event) {
    return event.getSummary() == null ? "(no SUMMARY)" : "\"" + event.getSummary().getValue() + "\"";
  }
}
