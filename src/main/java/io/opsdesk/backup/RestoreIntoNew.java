package io.opsdesk.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.backup.RestoreRecords.Restore;
import io.opsdesk.backup.RestoreRecords.Status;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN step "restore-into-new" (after approval, asynchronous): restores the chosen backup into a new
 * database (or folder) beside the live one and compares it with the backup's manifest; the live one
 * is not touched. Sets {@code restored} for the flow. A request already restored (or failed) is left
 * alone, so a retried step does nothing again; a copy a crashed attempt left half-made is made anew.
 * An expected failure (the archive changed, the tool or the comparison failed) ends the request as
 * FAILED with the reason; anything unexpected fails the job, which the engine retries.
 */
@Component("restoreIntoNew")
public class RestoreIntoNew implements JavaDelegate {

  static final String RESTORED = "restored";
  static final String RESTORED_TO = "restoredTo";
  private static final Logger LOG = LoggerFactory.getLogger(RestoreIntoNew.class);

  private final RestoreRecords records;
  private final BackupRecords backups;
  private final BackupTargets targets;
  private final BackupTools tools;

  public RestoreIntoNew(RestoreRecords records, BackupRecords backups, BackupTargets targets, BackupTools tools) {
    this.records = records;
    this.backups = backups;
    this.targets = targets;
    this.tools = tools;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Restore request = records.of(execution);
    if (request.status() == Status.APPROVED) {
      try {
        restore(request);
      } catch (BackupFailure e) {
        LOG.warn("Restore {} failed: {}", request.restoreId(), e.getMessage());
        records.advance(request.restoreId(), RestoreRecords.SYSTEM, Status.FAILED, "Restore failed: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      request = records.of(execution);
    }
    execution.setVariable(RESTORED, request.restoredTo() != null);
    execution.setVariable(RESTORED_TO, request.restoredTo());
  }

  private void restore(Restore request) throws BackupFailure, IOException {
    Backup backup = backups.find(request.backupRunId(), request.target())
        .filter(BackupRecords.Backup::restorable)
        .orElseThrow(() -> new BackupFailure("backup " + request.backupRunId() + " is no longer a verified backup"));
    BackupTarget target = targets.find(request.target())
        .orElseThrow(() -> new BackupFailure("target " + request.target() + " is no longer configured"));
    Path archive = Path.of(backup.path());
    Manifest manifest;
    try {
      manifest = Manifest.intactFor(archive, backup.sha256());
    } catch (NoSuchFileException e) {
      throw new BackupFailure("missing file " + e.getFile());
    }
    String copy = tools.of(target).restoreBeside(target, archive, manifest, request.restoreId());
    long rows = manifest.rowCounts().values().stream().mapToLong(Long::longValue).sum();
    records.restored(request.restoreId(), copy, "Backup " + backup.runId() + " of " + target.name() + " restored into " + copy,
        "The copy's tables and row counts equal the backup's manifest: " + manifest.rowCounts().size() + " tables, "
            + rows + " rows");
  }
}
