package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * BPMN step "set-sla-deadlines": asks decision {@code sla} for the priority's response and
 * resolution times and counts them from the request's creation (24x7 wall-clock time).
 */
@Component("setSlaDeadlines")
public class SetSlaDeadlines implements JavaDelegate {

  private final DecisionService decisions;
  private final TicketRepository tickets;

  public SetSlaDeadlines(DecisionService decisions, TicketRepository tickets) {
    this.decisions = decisions;
    this.tickets = tickets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = (String) execution.getVariable("ticketId");
    Instant created = tickets.find(ticketId)
        .orElseThrow(() -> new IllegalStateException("No ticket " + ticketId))
        .createdAt();
    DmnDecisionResultEntries sla = decisions.evaluateDecisionByKey("sla")
        .variables(Variables.putValue("priority", execution.getVariable("priority")))
        .evaluate()
        .getSingleResult();
    if (sla == null) {
      throw new IllegalStateException("Decision sla has no rule for priority " + execution.getVariable("priority"));
    }
    execution.setVariable("responseDue", due(created, sla.getEntry("responseTime")));
    execution.setVariable("resolutionDue", due(created, sla.getEntry("resolutionTime")));
  }

  private static Date due(Instant from, Object isoDuration) {
    return Date.from(from.plus(Duration.parse(String.valueOf(isoDuration))));
  }
}
