package io.opsdesk.intake;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN step "register": gives the request its ticket id (= business key) and records the ticket. */
@Component("registerTicket")
public class RegisterTicket implements JavaDelegate {

  private final TicketNumbers numbers;
  private final TicketTransitions transitions;

  public RegisterTicket(TicketNumbers numbers, TicketTransitions transitions) {
    this.numbers = numbers;
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.register(execution, numbers.next(EngineClock.now()));
  }
}
