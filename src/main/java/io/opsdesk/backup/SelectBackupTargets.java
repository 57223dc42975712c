package io.opsdesk.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.opsdesk.model.RunIds;
import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * BPMN step "select-backup-targets": gives the run its id (= business key, see {@link RunIds}),
 * which also names the archives, and lists the targets: those the start named, else every
 * configured one. A run the timer started takes only the targets that are due by their own schedule
 * (see {@link BackupPolicy#dueAfter()}), so that the nightly timer dumps a weekly target once a week;
 * a run started by hand dumps what it was asked to.
 */
@Component("selectBackupTargets")
public class SelectBackupTargets implements JavaDelegate {

  static final String RUN_ID = "runId";
  private final BackupTargets targets;
  private final RunIds runIds;
  private final BackupRecords records;

  public SelectBackupTargets(BackupTargets targets, RunIds runIds, BackupRecords records) {
    this.targets = targets;
    this.runIds = runIds;
    this.records = records;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable(RUN_ID);
    if (runId == null) {
      runId = runIds.next(ValidateBackupStart.PROCESS_KEY, "BAK");
    }
    execution.getProcessInstance().setProcessBusinessKey(runId);
    execution.setVariable(RUN_ID, runId);
    Object named = execution.getVariable(ValidateBackupStart.TARGETS);
    List<String> names = named instanceof List<?> list ? new ArrayList<>((List<String>) list)
        : new ArrayList<>(targets.all().stream().map(BackupTarget::name).toList());
    if (startedByTimer()) {
      Instant now = EngineClock.now();
      names.removeIf(name -> records.lastSucceeded(name)
          .filter(last -> last.isAfter(now.minus(targets.policy(name).dueAfter()))).isPresent());
    }
    execution.setVariable(ValidateBackupStart.TARGETS, names);
  }

  /**
   * Whether the timer started this run: the step runs in the start's own transaction (it is not async),
   * which for a timer is the execution of its timer-start-event job. Read from the engine, not from a
   * variable, since a person could set any variable at a start by hand.
   */
  private static boolean startedByTimer() {
    JobEntity job = Context.getCommandContext().getCurrentJob();
    return job != null && TimerStartEventJobHandler.TYPE.equals(job.getJobHandlerType());
  }
}
