package io.opsdesk.sla;

import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "escalate-resolution-breach", the second level: the resolution SLA was breached and the
 * request is still unresolved after another half of its resolution time. Local variable
 * {@code newlyEscalated} tells the model whether this run escalated (and so mails the supervisors).
 */
@Component("escalateSlaBreach")
public class EscalateSlaBreach implements JavaDelegate {

  private final TicketTransitions transitions;

  public EscalateSlaBreach(TicketTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariableLocal("newlyEscalated", transitions.escalate(execution, SlaClockKind.RESOLUTION));
  }
}
