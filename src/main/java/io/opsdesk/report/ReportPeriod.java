package io.opsdesk.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;

/** Days {@code from} to {@code to}, both inclusive, in the server's zone. */
public record ReportPeriod(LocalDate from, LocalDate to) {

  /** A longer period would make one request scan years of tickets. */
  static final int MAX_DAYS = 366;

  /** The period a caller asked for; 400 naming {@code from} and/or {@code to} when it is not one. */
  static ReportPeriod parse(String from, String to) {
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate start = date("from", from, errors);
    LocalDate end = date("to", to, errors);
    if (start != null && end != null) {
      if (start.isAfter(end)) {
        errors.put("from", "must not be after to");
      } else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
        errors.put("to", "must be at most " + MAX_DAYS + " days after from (both inclusive)");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Bad report period", errors);
    }
    return new ReportPeriod(start, end);
  }

  /** Monday to Sunday of the week before the one {@code now} falls in. */
  static ReportPeriod weekBefore(Instant now, ZoneId zone) {
    LocalDate monday = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
    return new ReportPeriod(monday, monday.plusDays(6));
  }

  Instant start(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period. */
  Instant end(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  private static LocalDate date(String name, String value, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(name, "is required (YYYY-MM-DD)");
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.put(name, "must be a date YYYY-MM-DD");
      return null;
    }
  }
}
