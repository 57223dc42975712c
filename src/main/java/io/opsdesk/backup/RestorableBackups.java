package io.opsdesk.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsdesk.backup.BackupRecords.Backup;
import org.springframework.stereotype.Component;

/**
 * What a restore may start from: a target's backups that passed their test restore and whose archive
 * is still in the store, newest first. Asked at the start, for the choice offered, and again when the
 * choice is made, so that only such a backup is ever restored.
 */
@Component
public class RestorableBackups {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final BackupRecords records;

  public RestorableBackups(BackupRecords records) {
    this.records = records;
  }

  public List<Backup> of(String target) {
    return records.verified(target).stream().filter(b -> b.path() != null && Files.isRegularFile(Path.of(b.path())))
        .toList();
  }

  /** The choice as a Camunda Forms select shows it: {label, value} with the run id as value. */
  List<Map<String, Object>> options(String target) {
    return of(target).stream().map(b -> Map.<String, Object>of("value", b.runId(), "label",
        b.runId() + " · " + SHOWN.format(b.startedAt().atZone(ZoneId.systemDefault())) + " · "
            + String.format(Locale.ROOT, "%.1f MB", b.sizeBytes() / 1_000_000.0))).toList();
  }
}
