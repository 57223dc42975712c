package io.opsdesk.backup;

import java.util.Map;

import io.opsdesk.backup.RestoreRecords.Status;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of user task "confirm-restore" (the requester): the restored data is right, or a
 * problem, which needs a note saying what is wrong. Either goes into the journal; a problem opens
 * nothing else, it stays on record for whoever follows it up.
 */
@Component("confirmRestore")
public class ConfirmRestore implements TaskListener {

  static final String CORRECT = "restoreCorrect";
  static final String NOTE = "confirmationNote";

  private final RestoreRecords records;

  public ConfirmRestore(RestoreRecords records) {
    this.records = records;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean correct = Boolean.TRUE.equals(task.getVariable(CORRECT));
    Object note = task.getVariable(NOTE);
    if (!correct && InputRules.isBlank(note)) {
      throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " not completed",
          Map.of(NOTE, "is required when the restored data is not right: say what is wrong"));
    }
    String actor = RestoreRecords.actor(task);
    records.advance((String) task.getVariable(RecordRestoreRequest.RESTORE_ID), actor,
        correct ? Status.CONFIRMED : Status.PROBLEM, correct ? "Restored data confirmed"
            + (InputRules.isBlank(note) ? "" : ": " + note) : "Problem with the restored data: " + note);
  }
}
