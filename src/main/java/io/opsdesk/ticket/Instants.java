package io.opsdesk.ticket;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * Reads the points in time people and clients send: a Date, or an ISO-8601 string with or without
 * seconds, fraction and offset (Camunda's own "+0800" form included). Without an offset the
 * server's zone applies, as in a date-time picker.
 */
public final class Instants {

  private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral('T')
      .appendPattern("HH:mm[:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private Instants() {
  }

  /** @throws IllegalArgumentException when the value is no point in time */
  public static Instant parse(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof String text) {
      try {
        TemporalAccessor parsed = ISO_LENIENT.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
          return odt.toInstant();
        }
        return ((LocalDateTime) parsed).atZone(ZoneId.systemDefault()).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("must be an ISO-8601 date-time such as 2026-03-01T09:30:00+08:00, was '" + text + "'");
      }
    }
    throw new IllegalArgumentException("must be an ISO-8601 date-time string or a Date");
  }
}
