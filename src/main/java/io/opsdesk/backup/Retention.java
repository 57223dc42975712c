package io.opsdesk.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.backup.BackupRecords.Status;

/**
 * Which archives of one target retention keeps (a pure function, see RetentionTest). Only verified
 * backups count: the newest one of each of the last keep-daily days that have one, of each of the last
 * keep-weekly ISO weeks, of each of the last keep-monthly months (one backup may count for several), and
 * always the newest verified backup, whatever the policy says. Everything of the current run stays; so
 * does an unverified archive of a run that started after it (a run by hand alongside, whose test
 * restore may still come). Days, weeks and months are those of the server's time zone.
 */
final class Retention {

  private Retention() {
  }

  /** The run ids, among the target's backups whose archive is still in the store, whose archives stay. */
  static Set<String> keep(List<Backup> backups, BackupPolicy policy, String currentRunId, Instant runStartedAt,
      ZoneId zone) {
    List<Backup> archived = backups.stream().filter(Backup::archived).toList();
    List<Backup> verified = archived.stream().filter(Backup::restorable)
        .sorted(Comparator.comparing(Backup::startedAt).reversed()).toList();
    Set<String> keep = new LinkedHashSet<>();
    verified.stream().findFirst().ifPresent(newest -> keep.add(newest.runId()));
    keep.addAll(newestPerPeriod(verified, policy.keepDaily(), b -> LocalDate.ofInstant(b.startedAt(), zone)));
    keep.addAll(newestPerPeriod(verified, policy.keepWeekly(), b -> {
      LocalDate day = LocalDate.ofInstant(b.startedAt(), zone);
      return day.get(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }));
    keep.addAll(newestPerPeriod(verified, policy.keepMonthly(), b -> YearMonth.from(LocalDate.ofInstant(b.startedAt(), zone))));
    for (Backup backup : archived) {
      boolean pending = !backup.verified() && backup.status() == Status.SUCCEEDED && backup.verifiedAt() == null
          && !backup.startedAt().isBefore(runStartedAt);
      if (backup.runId().equals(currentRunId) || pending) {
        keep.add(backup.runId());
      }
    }
    return keep;
  }

  /** The newest backup of each of the {@code periods} newest periods that have one ({@code newestFirst} sorted so). */
  private static Set<String> newestPerPeriod(List<Backup> newestFirst, int periods, Function<Backup, Object> period) {
    Map<Object, String> newest = new LinkedHashMap<>();
    for (Backup backup : newestFirst) {
      if (newest.size() == periods && !newest.containsKey(period.apply(backup))) {
        break;
      }
      newest.putIfAbsent(period.apply(backup), backup.runId());
    }
    return new LinkedHashSet<>(newest.values());
  }
}
