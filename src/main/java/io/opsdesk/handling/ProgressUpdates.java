package io.opsdesk.handling;

import java.util.Map;

import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
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
    correlate(runtime.createMessageCorrelation(MESSAGE).processInstanceId(task.getProcessInstanceId()),
        ((String) note).trim(), task.getAssignee());
  }

  /** Posts a note to the request with this business key; fails when no handling is under way. */
  public void post(String ticketId, String note, String author) {
    correlate(runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(ticketId), note, author);
  }

  /**
   * The note lives in the event subprocess that records it, and ends with it. (A local variable of
   * the correlation would land on the subprocess's parent, "handling", and Tasklist would offer the
   * note again on the next form, to be mailed a second time.)
   */
  private static void correlate(MessageCorrelationBuilder message, String note, String author) {
    message.setVariableToTriggeredScope(FORM_FIELD, note)
        .setVariableToTriggeredScope("progressAuthor", author)
        .correlateWithResult();
  }
}
