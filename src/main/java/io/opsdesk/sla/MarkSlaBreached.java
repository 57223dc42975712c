package io.opsdesk.sla;

import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN steps "mark-response-breached" and "mark-resolution-breached", reached when an SLA timer
 * fires. The step's input parameter {@code clock} says which clock ran out: response or resolution.
 * Its local variable {@code newlyBreached} tells the model whether this run marked the breach (and
 * so mails the supervisors) or found it marked already.
 */
@Component("markSlaBreached")
public class MarkSlaBreached implements JavaDelegate {

  private final TicketTransitions transitions;

  public MarkSlaBreached(TicketTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariableLocal("newlyBreached", transitions.breach(execution, SlaClockKind.of(execution.getVariableLocal("clock"))));
  }
}
