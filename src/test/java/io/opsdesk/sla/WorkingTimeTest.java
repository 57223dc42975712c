package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calendar rule: on a business calendar an SLA clock counts working time only and starts at the
 * next opening. Times in the table are local times of the calendar's zone (Asia/Shanghai).
 */
class WorkingTimeTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String HOLIDAY_FILE = "src/test/resources/sla/holidays.ics";

  /** The default business calendar, plus one with the test holidays and one with a lunch break. */
  private static final SlaCalendars CALENDARS = new SlaCalendars(properties(Map.of(
      "with-holidays", calendar(null, null, List.of("2026-12-10"), List.of(HOLIDAY_FILE)),
      "lunch-break", calendar(null, Map.of("MONDAY-FRIDAY", "09:00-12:00,13:00-18:00"), List.of(), List.of()))));

  @ParameterizedTest(name = "{0}: {1} + {2} -> {3}")
  @CsvSource({
      // The example: 1 h on Friday, 9 h Monday, 9 h Tuesday, 5 h Wednesday.
      "business, 2026-12-04T17:00, PT24H, 2026-12-09T14:00",
      "business, 2026-12-07T10:00, PT2H, 2026-12-07T12:00",
      // Opened at night: the clock starts at the next opening.
      "business, 2026-12-01T22:00, PT2H, 2026-12-02T11:00",
      "business, 2026-12-02T07:30, PT2H, 2026-12-02T11:00",
      // Opened on a weekend: starts on Monday 09:00.
      "business, 2026-12-05T10:00, PT8H, 2026-12-07T17:00",
      "business, 2026-12-06T23:59, PT30M, 2026-12-07T09:30",
      // Exact boundaries: 09:00 is open, 18:00 closed; a clock may end exactly at closing time.
      "business, 2026-12-07T09:00, PT9H, 2026-12-07T18:00",
      "business, 2026-12-07T09:00, PT9H1M, 2026-12-08T09:01",
      "business, 2026-12-07T18:00, PT1H, 2026-12-08T10:00",
      "business, 2026-12-07T20:00, PT0S, 2026-12-08T09:00",
      // Holidays from the .ics file: a multi-day event (National Day, Oct 1-7), a one-day event without
      // DTEND (Labour Day), a yearly recurring one (New Year's Day, defined from 2025).
      "with-holidays, 2026-09-30T17:00, PT2H, 2026-10-08T10:00",
      "with-holidays, 2026-04-30T17:30, PT1H, 2026-05-04T09:30",
      "with-holidays, 2026-12-31T17:00, PT2H, 2027-01-04T10:00",
      // A holiday in the middle (configured date, Thursday Dec 10): skipped like a weekend day.
      "with-holidays, 2026-12-09T09:00, PT18H, 2026-12-11T18:00",
      "business, 2026-12-09T09:00, PT18H, 2026-12-10T18:00",
      // Split hours: the lunch break does not count.
      "lunch-break, 2026-12-07T11:00, PT2H, 2026-12-07T14:00",
      "lunch-break, 2026-12-07T12:30, PT1H, 2026-12-07T14:00",
      // 24x7: wall-clock time, nights and weekends included.
      "24x7, 2026-12-04T17:00, PT24H, 2026-12-05T17:00",
      "24x7, 2026-12-05T23:00, PT2H, 2026-12-06T01:00"})
  void dueTimeCountsWorkingTimeOnly(String calendar, LocalDateTime start, Duration work, LocalDateTime due) {
    WorkingTime time = CALENDARS.get(calendar);

    assertThat(time.plus(at(start), work)).isEqualTo(at(due));
    // between() is the inverse of plus(): the working time up to the due time is the time asked for.
    assertThat(time.between(at(start), at(due))).isEqualTo(work);
  }

  @ParameterizedTest(name = "{0}: {1} .. {2} = {3}")
  @CsvSource({
      "business, 2026-12-04T17:00, 2026-12-09T14:00, PT24H",
      "business, 2026-12-05T08:00, 2026-12-06T20:00, PT0S",
      "business, 2026-12-04T20:00, 2026-12-07T08:00, PT0S",
      "business, 2026-12-07T17:30, 2026-12-08T09:30, PT1H",
      "business, 2026-12-08T10:00, 2026-12-07T10:00, PT0S",
      "with-holidays, 2026-09-30T00:00, 2026-10-09T00:00, PT18H",
      "lunch-break, 2026-12-07T00:00, 2026-12-08T00:00, PT8H",
      "24x7, 2026-12-05T08:00, 2026-12-06T20:00, PT36H"})
  void workingTimeBetweenTwoInstants(String calendar, LocalDateTime from, LocalDateTime to, Duration expected) {
    assertThat(CALENDARS.get(calendar).between(at(from), at(to))).isEqualTo(expected);
  }

  @Test
  void theZoneOfTheCalendarDecidesTheWorkingDay() {
    SlaCalendars calendars = new SlaCalendars(properties(Map.of(
        "london", calendar("Europe/London", Map.of("MONDAY-FRIDAY", "09:00-17:00"), List.of(), List.of()))));
    // Monday 2026-12-07 16:00 in Shanghai is 08:00 in London (UTC+0 in December): London opens an hour later.
    Instant start = at(LocalDateTime.parse("2026-12-07T16:00"));

    assertThat(calendars.get("london").plus(start, Duration.ofHours(1)))
        .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(calendars.get("business").plus(start, Duration.ofHours(1)))
        .isEqualTo(at(LocalDateTime.parse("2026-12-07T17:00")));
  }

  @Test
  void aSingleDaysHoursReplaceThoseOfItsRange() {
    SlaCalendarProperties.Calendar shortFriday = calendar(null, new LinkedHashMap<>(), List.of(), List.of());
    shortFriday.getHours().put("friday", "09:00-15:00");
    shortFriday.getHours().put("MONDAY-FRIDAY", "09:00-18:00");
    SlaCalendars calendars = new SlaCalendars(properties(Map.of("short-friday", shortFriday)));

    assertThat(calendars.get("short-friday").plus(at(LocalDateTime.parse("2026-12-04T14:00")), Duration.ofHours(2)))
        .isEqualTo(at(LocalDateTime.parse("2026-12-07T10:00")));
    assertThat(calendars.get("short-friday").plus(at(LocalDateTime.parse("2026-12-03T17:00")), Duration.ofHours(2)))
        .isEqualTo(at(LocalDateTime.parse("2026-12-04T10:00")));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "hours=SUNDAY-FUNDAY:09:00-18:00 | opsdesk.sla.calendars.bad: hours: unknown weekday \"FUNDAY\"",
      "hours=MONDAY:18:00-09:00 | opsdesk.sla.calendars.bad: hours.MONDAY: \"18:00-09:00\": opening hours end before they start",
      "hours=MONDAY:09:00-12:00,11:00-18:00 | has overlapping ranges",
      "hours=FRIDAY-MONDAY:09:00-18:00 | range \"FRIDAY-MONDAY\" ends before it starts",
      "hours=MONDAY:nine-six | hours.MONDAY: \"nine-six\"",
      "hours=MONDAY: | opsdesk.sla.calendars.bad: calendar bad has no working hours",
      "zone=Mars/Olympus | opsdesk.sla.calendars.bad: zone: unknown time zone \"Mars/Olympus\"",
      "holidays=2026-13-01 | opsdesk.sla.calendars.bad: holidays: \"2026-13-01\" is not a date YYYY-MM-DD",
      "holiday-files=no/such/file.ics | opsdesk.sla.calendars.bad: cannot read holiday file",
      "holiday-files=src/test/resources/sla/timed-event.ics | event \"Team meeting\" starts at a time of day",
      "holiday-files=pom.xml | opsdesk.sla.calendars.bad: cannot read holiday file"})
  void aMistakeInTheConfigurationStopsTheStartNamingTheSetting(String setting, String message) {
    String[] keyValue = setting.split("=", 2);
    SlaCalendarProperties.Calendar bad = calendar(null, null, List.of(), List.of());
    switch (keyValue[0]) {
      case "hours" -> {
        String[] dayHours = keyValue[1].split(":", 2);
        bad.setHours(Map.of(dayHours[0], dayHours[1]));
      }
      case "zone" -> bad.setZone(keyValue[1]);
      case "holidays" -> bad.setHolidays(List.of(keyValue[1]));
      default -> bad.setHolidayFiles(List.of(keyValue[1]));
    }

    assertThatThrownBy(() -> new SlaCalendars(properties(Map.of("bad", bad))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
  }

  @Test
  void anUnknownCalendarIsAnErrorNamingTheKnownOnes() {
    assertThatThrownBy(() -> CALENDARS.get("weekdays"))
        .hasMessageContaining("Unknown SLA calendar \"weekdays\"").hasMessageContaining("24x7, business");
    assertThatThrownBy(() -> new SlaCalendars(properties(Map.of("24x7", calendar(null, null, List.of(), List.of())))))
        .hasMessageContaining("24x7 is built in");
  }

  static SlaCalendarProperties properties(Map<String, SlaCalendarProperties.Calendar> calendars) {
    SlaCalendarProperties properties = new SlaCalendarProperties();
    properties.setCalendars(calendars);
    return properties;
  }

  static SlaCalendarProperties.Calendar calendar(String zone, Map<String, String> hours, List<String> holidays,
      List<String> holidayFiles) {
    SlaCalendarProperties.Calendar calendar = new SlaCalendarProperties.Calendar();
    calendar.setZone(zone);
    calendar.setHours(hours);
    calendar.setHolidays(holidays);
    calendar.setHolidayFiles(holidayFiles);
    return calendar;
  }

  private static Instant at(LocalDateTime local) {
    return local.atZone(SHANGHAI).toInstant();
  }
}
