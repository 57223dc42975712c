package io.opsdesk.backup;

import io.opsdesk.model.RunIds;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "record-restore-request": gives the request its id (= business key, see {@link RunIds},
 * e.g. RST-20261202-0930), which also names the restored copy, opens its record and journal, and
 * gives its tasks a subject ("恢复 Restore cmdb: reason") for Tasklist's cards.
 */
@Component("recordRestoreRequest")
public class RecordRestoreRequest implements JavaDelegate {

  static final String RESTORE_ID = "restoreId";
  /** Shown on the request's task cards in Tasklist (access.yaml taskCard), as a ticket's subject is. */
  static final String SUBJECT = "subject";
  private static final int SUBJECT_LENGTH = 120;

  private final RunIds runIds;
  private final RestoreRecords records;

  public RecordRestoreRequest(RunIds runIds, RestoreRecords records) {
    this.runIds = runIds;
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getVariable(RESTORE_ID) != null) {
      return;
    }
    String restoreId = runIds.next(ValidateRestoreStart.PROCESS_KEY, "RST");
    execution.getProcessInstance().setProcessBusinessKey(restoreId);
    execution.setVariable(RESTORE_ID, restoreId);
    String target = (String) execution.getVariable(ValidateRestoreStart.TARGET);
    String reason = (String) execution.getVariable(ValidateRestoreStart.REASON);
    String subject = "恢复 Restore " + target + ": " + reason.strip();
    execution.setVariable(SUBJECT, subject.length() <= SUBJECT_LENGTH ? subject : subject.substring(0, SUBJECT_LENGTH - 1) + "…");
    records.requested(restoreId, execution.getProcessInstanceId(), target,
        (String) execution.getVariable(ValidateRestoreStart.REQUESTER), reason);
  }
}
