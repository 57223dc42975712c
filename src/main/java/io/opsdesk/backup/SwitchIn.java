package io.opsdesk.backup;

import io.opsdesk.backup.RestoreRecords.Restore;
import io.opsdesk.backup.RestoreRecords.Status;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "switch-in" (mode SWITCH_IN, asynchronous): the verified copy takes the live database's
 * place and the live one is kept aside, renamed (see {@link BackupMethod#switchIn}). Only reached
 * after a supervisor's approval. A request already switched in is left alone; a failure (the live
 * database still in use, say) is noted in the journal at once and fails the job, which the engine
 * retries, then shows as an incident.
 */
@Component("switchIn")
public class SwitchIn implements JavaDelegate {

  static final String KEPT_AS = "keptAs";

  private final RestoreRecords records;
  private final BackupTargets targets;
  private final BackupTools tools;

  public SwitchIn(RestoreRecords records, BackupTargets targets, BackupTools tools) {
    this.records = records;
    this.targets = targets;
    this.tools = tools;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Restore request = records.of(execution);
    String restoreId = request.restoreId();
    String keptAs = request.keptAs();
    if (request.status() == Status.RESTORED) {
      BackupTarget target = targets.find(request.target())
          .orElseThrow(() -> new IllegalStateException("Target " + request.target() + " is no longer configured"));
      try {
        keptAs = tools.of(target).switchIn(target, request.restoredTo(), restoreId);
      } catch (BackupFailure e) {
        records.noteNow(restoreId, "SWITCH_IN_FAILED", "Switch-in failed, to be retried: " + e.getMessage());
        throw new IllegalStateException("Switch-in of restore " + restoreId + " failed: " + e.getMessage());
      }
      records.switchedIn(restoreId, keptAs, "The restored copy is now the live " + target.name()
          + "; the former live one is kept as " + keptAs);
    }
    execution.setVariable(KEPT_AS, keptAs);
  }
}
