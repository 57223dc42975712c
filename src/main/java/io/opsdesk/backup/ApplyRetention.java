package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN step "apply-retention", after the run's targets are backed up. First it repairs what a process
 * killed mid-dump left: a dump still RUNNING whose claim ran out and whose process instance no longer
 * runs becomes FAILED (interrupted), and a {@code *.partial} file without a live claim is deleted. Then,
 * per configured target, it deletes the archives (and manifests) that {@link Retention} does not keep
 * and marks their rows pruned; rows are never deleted, so history and success rate remain. Every part
 * finds its finished work (pruned rows, missing files), so a retried step does nothing twice.
 */
@Component("applyRetention")
public class ApplyRetention implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ApplyRetention.class);
  static final String PARTIAL = ".partial";

  private final BackupSettings settings;
  private final BackupTargets targets;
  private final BackupRecords records;
  private final RuntimeService runtime;
  private final HistoryService history;

  public ApplyRetention(BackupSettings settings, BackupTargets targets, BackupRecords records, RuntimeService runtime,
      HistoryService history) {
    this.settings = settings;
    this.targets = targets;
    this.records = records;
    this.runtime = runtime;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) throws IOException {
    String runId = (String) execution.getVariable(SelectBackupTargets.RUN_ID);
    Instant now = EngineClock.now();
    repairInterrupted(runId, now);
    deleteStrayPartials(now);
    Instant runStartedAt = history.createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId())
        .singleResult().getStartTime().toInstant();
    for (BackupTarget target : targets.all()) {
      List<Backup> backups = records.ofTarget(target.name());
      Set<String> keep = Retention.keep(backups, targets.policy(target.name()), runId, runStartedAt, ZoneId.systemDefault());
      for (Backup backup : backups) {
        if (backup.archived() && !keep.contains(backup.runId())) {
          Path archive = Path.of(backup.path());
          Files.deleteIfExists(archive);
          Files.deleteIfExists(Manifest.fileFor(archive));
          records.pruned(backup.runId(), backup.target(), now);
          LOG.info("Retention of {} deleted the backup {} ({})", target.name(), backup.runId(), archive);
        }
      }
    }
  }

  private void repairInterrupted(String runId, Instant now) {
    for (Backup stuck : records.expiredClaims(now)) {
      boolean running = stuck.processInstanceId() != null
          && runtime.createProcessInstanceQuery().processInstanceId(stuck.processInstanceId()).count() > 0;
      if (!running) {
        LOG.warn("Backup {} of {} was interrupted mid-dump; {} marks it FAILED", stuck.runId(), stuck.target(), runId);
        records.interrupted(stuck.runId(), stuck.target(), "Interrupted: the dump did not finish (its process was "
            + "killed or its node stopped); found by run " + runId, now);
      }
    }
  }

  /** A dump writes {@code <runId>.<ext>.partial} and renames it when done: one left behind without a live claim is junk. */
  private void deleteStrayPartials(Instant now) throws IOException {
    Path store = settings.getStore().toAbsolutePath();
    if (!Files.isDirectory(store)) {
      return;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(store, Files::isDirectory)) {
      for (Path folder : folders) {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(folder, "*" + PARTIAL)) {
          for (Path partial : partials) {
            String name = partial.getFileName().toString();
            String runId = name.substring(0, name.indexOf('.'));
            if (!records.liveClaim(runId, folder.getFileName().toString(), now)) {
              LOG.warn("Deleting {}, left by a dump that did not finish", partial);
              Files.deleteIfExists(partial);
            }
          }
        }
      }
    }
  }
}
