package io.opsdesk.handling;

import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "assign": records the classification, SLA due times and handler group the decisions gave,
 * and lets that group read the request.
 */
@Component("assignTicket")
public class AssignTicket implements JavaDelegate {

  private final TicketTransitions transitions;

  public AssignTicket(TicketTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.assign(execution);
  }
}
