package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.backup.BackupRecords.Status;
import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN step "verify-backup": re-reads the archive's SHA-256 and makes a test restore apart from the
 * live target (a scratch PostgreSQL database, an H2 copy, a scratch folder for a directory), comparing
 * it with the manifest (tables and row counts, or the directory's listing). Only a passed test restore sets verified; a failed one makes the backup FAILED with
 * the reason. A backup already verified (or failed) is left alone, so a retried step does nothing
 * again; two test restores at once would only cost time, as each uses a scratch copy of its own.
 */
@Component("verifyBackup")
public class VerifyBackup implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyBackup.class);

  private final BackupTargets targets;
  private final BackupTools tools;
  private final BackupRecords records;

  public VerifyBackup(BackupTargets targets, BackupTools tools, BackupRecords records) {
    this.targets = targets;
    this.tools = tools;
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable(SelectBackupTargets.RUN_ID);
    String name = (String) execution.getVariable(BackUpTarget.TARGET);
    Optional<Backup> backup = records.find(runId, name);
    if (backup.isEmpty() || backup.get().status() != Status.SUCCEEDED || backup.get().verifiedAt() != null) {
      return;
    }
    String error = problem(backup.get());
    if (error != null) {
      LOG.warn("Backup {} of {} did not pass verification: {}", runId, name, error);
    }
    records.verified(runId, name, error, EngineClock.now());
  }

  /** What is wrong with the backup, or null when its test restore passed. */
  private String problem(Backup backup) {
    Optional<BackupTarget> target = targets.find(backup.target());
    if (target.isEmpty()) {
      return "target " + backup.target() + " is no longer configured";
    }
    Path archive = Path.of(backup.path());
    try {
      Manifest manifest = Manifest.intactFor(archive, backup.sha256());
      tools.of(target.get()).verify(target.get(), archive, manifest);
      return null;
    } catch (NoSuchFileException e) {
      return "missing file " + e.getFile();
    } catch (IOException e) {
      return "cannot read the backup: " + e.getMessage();
    } catch (BackupFailure e) {
      return e.getMessage();
    }
  }
}
