package io.opsdesk.backup;

import java.time.Duration;

/**
 * A target's schedule and retention: dumped every {@code every}; its newest verified backup may be at
 * most {@code maxAge} old (freshness); retention keeps the newest verified backup of each of the last
 * {@code keepDaily} days, {@code keepWeekly} ISO weeks and {@code keepMonthly} months that have one.
 */
public record BackupPolicy(Duration every, Duration maxAge, int keepDaily, int keepWeekly, int keepMonthly) {

  /** When max-age is not configured: a nightly backup may be late by two hours before it counts as stale. */
  static final Duration DEFAULT_LATENESS = Duration.ofHours(2);
  /**
   * Dumps of one run start one after the other, and a run may start late: a target is due again when its last
   * successful backup is older than {@code every} less this slack (at most half of {@code every}).
   */
  static final Duration SLACK = Duration.ofHours(6);

  /** Checked at use, so that a bad setting fails the run that needs it with a message naming the target. */
  public BackupPolicy validated(String target) {
    if (every == null || every.isNegative() || every.isZero() || maxAge == null || maxAge.compareTo(every) < 0
        || keepDaily < 0 || keepWeekly < 0 || keepMonthly < 0) {
      throw new IllegalStateException("opsdesk.backup (target " + target + "): every must be positive, max-age at "
          + "least every, and keep-daily, keep-weekly, keep-monthly 0 or more; they are " + this);
    }
    return this;
  }

  /** How long after its last successful backup a target is due again. */
  public Duration dueAfter() {
    Duration half = every.dividedBy(2);
    return every.minus(SLACK.compareTo(half) < 0 ? SLACK : half);
  }
}
