package io.opsdesk.backup;

import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of user task "approve-restore" (candidate group supervisors): four eyes, so the person
 * who asked for the restore cannot decide it, and a decision without a known approver is refused.
 * The decision and its reason go into the journal under the approver's name.
 */
@Component("approveRestore")
public class ApproveRestore implements TaskListener {

  static final String APPROVED = "approved";
  static final String REASON = "approvalReason";

  private final RestoreRecords records;

  public ApproveRestore(RestoreRecords records) {
    this.records = records;
  }

  @Override
  public void notify(DelegateTask task) {
    String approver = RestoreRecords.actor(task);
    Object requester = task.getVariable(ValidateRestoreStart.REQUESTER);
    if (RestoreRecords.SYSTEM.equals(approver)) {
      throw refused(task, "needs a signed-in approver");
    }
    if (approver.equals(requester)) {
      throw refused(task, "may not be given by " + approver + ", who asked for this restore: another supervisor "
          + "decides it (four eyes)");
    }
    boolean approved = Boolean.TRUE.equals(task.getVariable(APPROVED));
    records.decided((String) task.getVariable(RecordRestoreRequest.RESTORE_ID), approver, approved,
        (approved ? "Approved by " : "Refused by ") + approver + ": " + task.getVariable(REASON));
  }

  private static InvalidInputException refused(DelegateTask task, String why) {
    return new InvalidInputException("Task " + task.getTaskDefinitionKey() + " not completed", Map.of(APPROVED, why));
  }
}
