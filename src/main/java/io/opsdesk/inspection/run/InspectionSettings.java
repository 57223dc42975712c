package io.opsdesk.inspection.run;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of the daily inspection ({@code opsdesk.inspection.*}). A bean named
 * {@code inspectionSettings} because the timer of daily-inspection.bpmn reads its cron as
 * {@code ${inspectionSettings.cron}}.
 */
@Component("inspectionSettings")
@ConfigurationProperties(prefix = "opsdesk.inspection")
public class InspectionSettings {

  /** When the timer starts a run: Camunda's (Quartz) cron with seconds, in the server's time zone. */
  private String cron = "0 30 7 * * ?";
  /** Assets inspected at the same time on one node (also bounded by the job executor's pool). */
  private int maxParallel = 4;
  /** Consecutive healthy runs after which an open ticket's part counts as recovered. */
  private int recoveredAfter = 3;
  /** New tickets one run may open; the assets beyond share one summary ticket. */
  private int maxNewTickets = 10;
  /** How long readings are kept. */
  private Period keepReadings = Period.ofDays(90);
  /** TCP checks of NETWORK assets. */
  private Duration connectTimeout = Duration.ofSeconds(3);
  /** A port answering slower than this is a WARNING. */
  private Duration slowConnect = Duration.ofSeconds(1);
  /** Connection attempts per port before it counts as not answering (transient losses). */
  private int connectAttempts = 2;

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }

  public int getMaxParallel() {
    return maxParallel;
  }

  public void setMaxParallel(int maxParallel) {
    this.maxParallel = Math.max(1, maxParallel);
  }

  public int getRecoveredAfter() {
    return recoveredAfter;
  }

  public void setRecoveredAfter(int recoveredAfter) {
    this.recoveredAfter = Math.max(1, recoveredAfter);
  }

  public int getMaxNewTickets() {
    return maxNewTickets;
  }

  public void setMaxNewTickets(int maxNewTickets) {
    this.maxNewTickets = Math.max(0, maxNewTickets);
  }

  public Period getKeepReadings() {
    return keepReadings;
  }

  public void setKeepReadings(Period keepReadings) {
    this.keepReadings = keepReadings;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getSlowConnect() {
    return slowConnect;
  }

  public void setSlowConnect(Duration slowConnect) {
    this.slowConnect = slowConnect;
  }

  public int getConnectAttempts() {
    return connectAttempts;
  }

  public void setConnectAttempts(int connectAttempts) {
    this.connectAttempts = Math.max(1, connectAttempts);
  }
}
