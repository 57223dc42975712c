package io.opsdesk.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of the weekly service report ({@code opsdesk.report.*}). A bean named
 * {@code serviceReportSettings} because the timer of service-report.bpmn reads its cron as
 * {@code ${serviceReportSettings.cron}}.
 */
@Component("serviceReportSettings")
@ConfigurationProperties(prefix = "opsdesk.report")
public class ServiceReportSettings {

  /** When the timer reports the week before: Camunda's (Quartz) cron with seconds, in the server's time zone. */
  private String cron = "0 0 8 ? * MON";

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }
}
