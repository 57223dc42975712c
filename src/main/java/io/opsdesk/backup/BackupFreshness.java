package io.opsdesk.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.ticket.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Whether each target's newest verified backup is recent enough: no older than the target's max-age.
 * A target without any verified backup is stale once max-age has passed since it was first tried (or,
 * never tried, since OpsDesk started): a first backup that keeps failing is as bad as an old one.
 */
@Component
public class BackupFreshness {

  private final BackupTargets targets;
  private final BackupRecords records;
  private final Instant startedAt = EngineClock.now();

  public BackupFreshness(BackupTargets targets, BackupRecords records) {
    this.targets = targets;
    this.records = records;
  }

  /** One target's freshness at {@code now}; {@code newest} is its newest verified backup still in the store. */
  public record State(BackupTarget target, BackupPolicy policy, Optional<Backup> newest, Duration age, boolean fresh) {

    /** Why the target is stale, in words for a ticket or a log; null when it is fresh. */
    public String problem() {
      if (fresh) {
        return null;
      }
      return newest.map(b -> "The newest verified backup of " + target.name() + " (" + b.runId() + ", finished "
          + b.finishedAt() + ") is " + hours(age) + " old, more than its max-age of " + hours(policy.maxAge()) + ".")
          .orElse(target.name() + " has no verified backup, and its first was due within " + hours(policy.maxAge())
              + " of " + target.name() + " being first tried.");
    }

    private static String hours(Duration duration) {
      return duration.toHours() + " h" + (duration.toMinutesPart() == 0 ? "" : " " + duration.toMinutesPart() + " min");
    }
  }

  public List<State> all(Instant now) {
    return targets.all().stream().map(target -> of(target, now)).toList();
  }

  public State of(BackupTarget target, Instant now) {
    BackupPolicy policy = targets.policy(target.name());
    Optional<Backup> newest = records.newestVerified(target.name());
    Instant since = newest.map(Backup::finishedAt).or(() -> records.firstAttempt(target.name())).orElse(startedAt);
    Duration age = Duration.between(since, now);
    return new State(target, policy, newest, newest.isPresent() ? age : null, age.compareTo(policy.maxAge()) <= 0);
  }
}
