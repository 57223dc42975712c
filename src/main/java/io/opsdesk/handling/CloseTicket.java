package io.opsdesk.handling;

import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN steps "close" and "auto-close". The step's input parameter {@code reason} says why:
 * CONFIRMED by the requester, or AUTO_CLOSED when no confirmation came in time.
 */
@Component("closeTicket")
public class CloseTicket implements JavaDelegate {

  private final TicketTransitions transitions;

  public CloseTicket(TicketTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.close(execution, (String) execution.getVariableLocal("reason"));
  }
}
