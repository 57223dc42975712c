package io.opsdesk.sla;

import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN steps "warn-response-due" and "warn-resolution-due", reached when a clock's warning timer fires
 * (at decision sla's {@code warningShare} of its time). The step's input parameter {@code clock} says
 * which clock. Local variables for the model and the mail: {@code newlyWarned} (this run warned, so the
 * handler group is mailed) and {@code responseWarning} (which due time the mail names).
 */
@Component("warnSlaDue")
public class WarnSlaDue implements JavaDelegate {

  private final TicketTransitions transitions;

  public WarnSlaDue(TicketTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaClockKind kind = SlaClockKind.of(execution.getVariableLocal("clock"));
    execution.setVariableLocal("responseWarning", kind == SlaClockKind.RESPONSE);
    execution.setVariableLocal("newlyWarned", transitions.warn(execution, kind));
  }
}
