package io.opsdesk.backup;

import java.time.Duration;

/**
 * Schedule and retention settings, at the top of {@code opsdesk.backup} (the defaults) and in each of its
 * targets (overrides); see {@link BackupTargets#policy(String)} and {@link BackupPolicy}.
 */
public class ScheduleSettings {

  /** How often the target is dumped. */
  private Duration every;
  /** Oldest its newest verified backup may be; unset: {@code every} + 2 h. */
  private Duration maxAge;
  private Integer keepDaily;
  private Integer keepWeekly;
  private Integer keepMonthly;

  public Duration getEvery() {
    return every;
  }

  public void setEvery(Duration every) {
    this.every = every;
  }

  public Duration getMaxAge() {
    return maxAge;
  }

  public void setMaxAge(Duration maxAge) {
    this.maxAge = maxAge;
  }

  public Integer getKeepDaily() {
    return keepDaily;
  }

  public void setKeepDaily(Integer keepDaily) {
    this.keepDaily = keepDaily;
  }

  public Integer getKeepWeekly() {
    return keepWeekly;
  }

  public void setKeepWeekly(Integer keepWeekly) {
    this.keepWeekly = keepWeekly;
  }

  public Integer getKeepMonthly() {
    return keepMonthly;
  }

  public void setKeepMonthly(Integer keepMonthly) {
    this.keepMonthly = keepMonthly;
  }
}
