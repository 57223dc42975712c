package io.opsdesk.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * BPMN step "back-up-target" (one per target and run): dumps the target into
 * {@code <store>/<target>/<runId>.<ext>} with its manifest and records the result.
 *
 * <p>Long dumps, no double work: before dumping, the step claims the row (run, target) in a
 * transaction of its own, for the tool timeout plus a margin. The engine's job lock (5 minutes by
 * default) may run out during a long dump; another executor that then takes the same job finds the
 * live claim and fails (its job is retried later), so the dump never runs twice at once. Results are
 * committed by themselves too, so a retried step finds the finished row and does nothing. A node that
 * died mid-dump leaves a claim that expires; the next attempt takes it over and dumps again.
 *
 * <p>An expected failure (the tool or the database refused) is recorded as FAILED and the run goes on:
 * no incident. Anything unexpected gives the claim back and fails the job, which the engine retries.
 */
@Component("backUpTarget")
public class BackUpTarget implements JavaDelegate {

  static final String TARGET = "target";
  private static final Duration CLAIM_MARGIN = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(BackUpTarget.class);

  private final BackupSettings settings;
  private final BackupTargets targets;
  private final BackupTools tools;
  private final BackupRecords records;

  public BackUpTarget(BackupSettings settings, BackupTargets targets, BackupTools tools, BackupRecords records) {
    this.settings = settings;
    this.targets = targets;
    this.tools = tools;
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable(SelectBackupTargets.RUN_ID);
    String name = (String) execution.getVariable(TARGET);
    if (finished(runId, name)) {
      return;
    }
    Instant now = EngineClock.now();
    if (!records.claim(runId, name, execution.getProcessInstanceId(), now,
        now.plus(settings.getToolTimeout()).plus(CLAIM_MARGIN))) {
      if (finished(runId, name)) {
        return;
      }
      throw new IllegalStateException("The backup of " + name + " in " + runId + " is running in another job");
    }
    Optional<BackupTarget> target = targets.find(name);
    if (target.isEmpty()) {
      records.failed(runId, name, "Target " + name + " is no longer configured", EngineClock.now());
      return;
    }
    try {
      BackupMethod tool = tools.of(target.get());
      Path folder = settings.getStore().toAbsolutePath().resolve(name);
      Files.createDirectories(folder);
      Path archive = folder.resolve(runId + tool.extension(target.get()));
      Manifest manifest = tool.dump(target.get(), runId, archive);
      manifest.writeFor(archive);
      records.succeeded(runId, name, manifest, archive.toString(), EngineClock.now());
    } catch (BackupFailure e) {
      LOG.warn("Backup {} of {} failed: {}", runId, name, e.getMessage());
      records.failed(runId, name, e.getMessage(), EngineClock.now());
    } catch (IOException | RuntimeException e) {
      records.release(runId, name);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private boolean finished(String runId, String name) {
    return records.find(runId, name).map(Backup::status).filter(s -> s != Status.RUNNING).isPresent();
  }
}
