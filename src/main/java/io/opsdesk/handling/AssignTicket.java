package io.opsdesk.handling;

import java.time.Instant;
import java.util.Date;

import io.opsdesk.access.InstanceAccess;
import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "assign": records the classification, SLA due times and handler group the decisions gave,
 * and lets that group read the request.
 */
@Component("assignTicket")
public class AssignTicket implements JavaDelegate {

  private final TicketRepository tickets;
  private final TicketJournal journal;
  private final InstanceAccess access;

  public AssignTicket(TicketRepository tickets, TicketJournal journal, InstanceAccess access) {
    this.tickets = tickets;
    this.journal = journal;
    this.access = access;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = (String) execution.getVariable("ticketId");
    String category = (String) execution.getVariable("category");
    String impact = (String) execution.getVariable("impact");
    String urgency = (String) execution.getVariable("urgency");
    String priority = (String) execution.getVariable("priority");
    String group = (String) execution.getVariable("candidateGroup");
    Instant responseDue = ((Date) execution.getVariable("responseDue")).toInstant();
    Instant resolutionDue = ((Date) execution.getVariable("resolutionDue")).toInstant();
    access.letGroupRead(execution.getProcessInstanceId(), group);
    tickets.classify(ticketId, category, impact, urgency, priority, group, responseDue, resolutionDue, EngineClock.now());
    journal.record(ticketId, "ASSIGNED", String.format(
        "Classified %s (category %s, impact %s, urgency %s) and assigned to group %s; respond by %s, resolve by %s",
        priority, category, impact, urgency, group, responseDue, resolutionDue));
  }
}
