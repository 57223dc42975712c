package io.opsdesk.sla;

import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "set-sla-deadlines": the priority's response and resolution times from decision
 * {@code sla}, counted from the request's creation (24x7 wall-clock time).
 */
@Component("setSlaDeadlines")
public class SetSlaDeadlines implements JavaDelegate {

  private final SlaTargets targets;
  private final TicketTransitions transitions;

  public SetSlaDeadlines(SlaTargets targets, TicketTransitions transitions) {
    this.targets = targets;
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaTargets.Targets sla = targets.of(execution.getVariable("priority"));
    transitions.setDeadlines(execution, sla.responseTime(), sla.resolutionTime());
  }
}
