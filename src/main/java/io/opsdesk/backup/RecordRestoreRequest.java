package io.opsdesk.backup;

import io.opsdesk.model.RunIds;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "record-restore-request": gives the request its id (= business key, see {@link RunIds},
 * e.g. RST-20261202-0930), which also names the restored copy, and opens its record and journal.
 */
@Component("recordRestoreRequest")
public class RecordRestoreRequest implements JavaDelegate {

  static final String RESTORE_ID = "restoreId";

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
    records.requested(restoreId, execution.getProcessInstanceId(), (String) execution.getVariable(ValidateRestoreStart.TARGET),
        (String) execution.getVariable(ValidateRestoreStart.REQUESTER), (String) execution.getVariable(ValidateRestoreStart.REASON));
  }
}
