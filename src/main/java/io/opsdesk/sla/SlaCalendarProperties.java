package io.opsdesk.sla;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Business calendars of the SLA clocks, {@code opsdesk.sla.calendars.<name>}. Anything a calendar
 * leaves out is as the default {@code business} calendar: Mon–Fri 09:00–18:00, Asia/Shanghai, no
 * holidays. Checked and turned into {@link WorkingTime} by {@link SlaCalendars}.
 */
@ConfigurationProperties(prefix = "opsdesk.sla")
public class SlaCalendarProperties {

  private Map<String, Calendar> calendars = new LinkedHashMap<>();

  public Map<String, Calendar> getCalendars() {
    return calendars;
  }

  public void setCalendars(Map<String, Calendar> calendars) {
    this.calendars = calendars;
  }

  public static class Calendar {
    /** A time zone id such as Asia/Shanghai. */
    private String zone;
    /** Weekday (or range MONDAY-FRIDAY) → "09:00-18:00", or several ranges "09:00-12:00,13:00-18:00". */
    private Map<String, String> hours;
    /** Dates (YYYY-MM-DD) closed all day. */
    private List<String> holidays = new ArrayList<>();
    /** iCalendar files whose all-day events are closed days. */
    private List<String> holidayFiles = new ArrayList<>();

    public String getZone() {
      return zone;
    }

    public void setZone(String zone) {
      this.zone = zone;
    }

    public Map<String, String> getHours() {
      return hours;
    }

    public void setHours(Map<String, String> hours) {
      this.hours = hours;
    }

    public List<String> getHolidays() {
      return holidays;
    }

    public void setHolidays(List<String> holidays) {
      this.holidays = holidays;
    }

    public List<String> getHolidayFiles() {
      return holidayFiles;
    }

    public void setHolidayFiles(List<String> holidayFiles) {
      this.holidayFiles = holidayFiles;
    }
  }
}
