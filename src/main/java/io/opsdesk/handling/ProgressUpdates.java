package io.opsdesk.handling;

import java.util.Map;

import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Posts a progress note to the requester: the message ProgressUpdate, handled by the model's
 * "Progress update" event subprocess (journal, mail). Notes come from /api or from the optional
 * "Note to the requester" field of the working forms.
 */
@Component("progressUpdates")
public class ProgressUpdates {

  static final String MESSAGE = "ProgressUpdate";
  static final String FORM_FIELD = "progressUpdate";

  private final RuntimeService runtime;

  public ProgressUpdates(@Lazy RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** Complete listener of a working task: posts the form's note, if one was written, once. */
  public void fromForm(DelegateTask task) {
    Object note = task.getVariable(FORM_FIELD);
    task.removeVariable(FORM_FIELD);
    if (InputRules.isBlank(note)) {
      return;
    }
    String problem = InputRules.check("progressNote", note);
    if (problem != null) {
      throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " not completed", Map.of(FORM_FIELD, problem));
    }
    runtime.createMessageCorrelation(MESSAGE).processInstanceId(task.getProcessInstanceId())
        .setVariableLocal(FORM_FIELD, ((String) note).trim())
        .setVariableLocal("progressAuthor", task.getAssignee())
        .correlateWithResult();
  }

  /** Posts a note to the request with this business key; fails when no handling is under way. */
  public void post(String ticketId, String note, String author) {
    runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(ticketId)
        .setVariableLocal(FORM_FIELD, note)
        .setVariableLocal("progressAuthor", author)
        .correlateWithResult();
  }
}
