package io.opsdesk.handling;

import io.opsdesk.sla.SlaTargets;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "reopen": the requester was not satisfied; the handler diagnoses again, on a resolution
 * clock of its own that starts now and runs for the priority's resolution time on its calendar.
 */
@Component("reopenTicket")
public class ReopenTicket implements JavaDelegate {

  private final SlaTargets targets;
  private final TicketTransitions transitions;

  public ReopenTicket(SlaTargets targets, TicketTransitions transitions) {
    this.targets = targets;
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.reopen(execution, targets::of);
  }
}
