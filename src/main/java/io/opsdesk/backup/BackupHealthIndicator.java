package io.opsdesk.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.ticket.EngineClock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health detail {@code backup}: freshness is also watched when no run happens (the timer stopped, the
 * node that fires it is down), since a run's own check-freshness step cannot report that it did not run.
 * Reading it opens no ticket (a health check has no side effects, and every node answers it); the next
 * run does. A stale target gives the status {@code STALE}, which is not in the aggregation order and so
 * never makes the application DOWN: the application works, its backups are what is old.
 */
@Component("backupHealthIndicator")
public class BackupHealthIndicator implements HealthIndicator {

  public static final Status STALE = new Status("STALE", "A target's newest verified backup is older than its max-age");

  public static final Status MISCONFIGURED = new Status("MISCONFIGURED", "The backup settings are not valid");

  private final BackupFreshness freshness;

  public BackupHealthIndicator(BackupFreshness freshness) {
    this.freshness = freshness;
  }

  @Override
  public Health health() {
    List<BackupFreshness.State> states;
    try {
      states = freshness.all(EngineClock.now());
    } catch (IllegalStateException badSettings) {
      // A bad schedule fails the run that needs it; here it is reported, without making the application DOWN.
      return Health.status(MISCONFIGURED).withDetail("error", badSettings.getMessage()).build();
    }
    Map<String, Object> byTarget = new LinkedHashMap<>();
    for (BackupFreshness.State state : states) {
      byTarget.put(state.target().name(), state.fresh() ? "fresh" : state.problem());
    }
    boolean stale = states.stream().anyMatch(s -> !s.fresh());
    return (stale ? Health.status(STALE) : Health.up()).withDetail("targets", byTarget).build();
  }
}
