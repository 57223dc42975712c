package io.opsdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The time an SLA clock counts, by the calendar the {@code sla} decision names: all the time
 * ({@code 24x7}) or the working hours of a business calendar. The one place where due times and
 * elapsed SLA time are computed.
 */
public sealed interface WorkingTime {

  /** The name the {@code calendar} column of decision {@code sla} uses. */
  String name();

  /**
   * The due time after {@code work} of working time, counted from {@code start}, or from the next
   * opening when {@code start} is outside working hours.
   */
  Instant plus(Instant start, Duration work);

  /** The working time between two instants; zero when {@code to} is not after {@code from}. */
  Duration between(Instant from, Instant to);

  /**
   * Where a clock's {@code time} (its due time, or the time it warns) lies after the clock was paused
   * at {@code pausedAt} and resumed at {@code resumedAt}: later by the working time paused, in whole
   * seconds. On 24x7 that is the wall-clock time paused; on a business calendar a pause over a night or
   * a weekend moves it by its working hours only. A pause without working time leaves the time where
   * it is, also when it lies at a closing time.
   */
  default Instant afterPause(Instant time, Instant pausedAt, Instant resumedAt) {
    Duration paused = Duration.ofSeconds(between(pausedAt, resumedAt).toSeconds());
    return paused.isZero() ? time : plus(time, paused);
  }

  /** Wall-clock time, every hour of every day. */
  record AllHours() implements WorkingTime {

    public static final String NAME = "24x7";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Instant plus(Instant start, Duration work) {
      return start.plus(work);
    }

    @Override
    public Duration between(Instant from, Instant to) {
      return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
  }

  /** Opening hours of a day, {@code from} inclusive to {@code to} exclusive, in the calendar's zone. */
  record Hours(LocalTime from, LocalTime to) {

    public Hours {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("opening hours end before they start: " + from + "-" + to);
      }
    }
  }

  /**
   * Working hours per weekday in a time zone, closed on holidays. Days run from 00:00 to 24:00 local
   * time; a day's hours may be split (a lunch break) and do not cross midnight.
   */
  record Business(String name, ZoneId zone, Map<DayOfWeek, List<Hours>> week, Set<LocalDate> holidays)
      implements WorkingTime {

    /** A clock that never finds an opening in this many days has a calendar without working days. */
    private static final int SEARCH_DAYS = 366 * 20;

    public Business {
      week = Map.copyOf(week);
      holidays = Set.copyOf(holidays);
      if (week.values().stream().allMatch(List::isEmpty)) {
        throw new IllegalArgumentException("calendar " + name + " has no working hours");
      }
    }

    @Override
    public Instant plus(Instant start, Duration work) {
      Duration left = work;
      LocalDate day = LocalDate.ofInstant(start, zone);
      for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
        for (Hours hours : openOn(day)) {
          Instant opens = max(start, at(day, hours.from()));
          Instant closes = at(day, hours.to());
          if (!closes.isAfter(opens)) {
            continue;
          }
          Duration open = Duration.between(opens, closes);
          if (left.compareTo(open) <= 0) {
            return opens.plus(left);
          }
          left = left.minus(open);
        }
      }
      throw new IllegalStateException("calendar " + name + " has no opening within " + SEARCH_DAYS + " days after " + start);
    }

    @Override
    public Duration between(Instant from, Instant to) {
      Duration total = Duration.ZERO;
      for (LocalDate day = LocalDate.ofInstant(from, zone); to.isAfter(at(day, LocalTime.MIDNIGHT)); day = day.plusDays(1)) {
        for (Hours hours : openOn(day)) {
          Instant opens = max(from, at(day, hours.from()));
          Instant closes = min(to, at(day, hours.to()));
          if (closes.isAfter(opens)) {
            total = total.plus(Duration.between(opens, closes));
          }
        }
      }
      return total;
    }

    private List<Hours> openOn(LocalDate day) {
      return holidays.contains(day) ? List.of() : week.getOrDefault(day.getDayOfWeek(), List.of());
    }

    private Instant at(LocalDate day, LocalTime time) {
      return day.atTime(time).atZone(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
      return a.isBefore(b) ? a : b;
    }
  }
}
