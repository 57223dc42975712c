package io.opsdesk.intake;

import java.time.Instant;

import io.opsdesk.access.InstanceAccess;
import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.Instants;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN step "register": gives the request its ticket id (= business key) and records the ticket. */
@Component("registerTicket")
public class RegisterTicket implements JavaDelegate {

  private final TicketNumbers numbers;
  private final TicketRepository tickets;
  private final TicketJournal journal;
  private final InstanceAccess access;

  public RegisterTicket(TicketNumbers numbers, TicketRepository tickets, TicketJournal journal, InstanceAccess access) {
    this.numbers = numbers;
    this.tickets = tickets;
    this.journal = journal;
    this.access = access;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getVariable("ticketId") != null) {
      return; // registered already
    }
    Instant now = EngineClock.now();
    String ticketId = numbers.next(now);
    execution.setProcessBusinessKey(ticketId);
    execution.setVariable("ticketId", ticketId);
    execution.setVariable("reopenCount", 0);
    execution.setVariable("responseBreached", false);
    execution.setVariable("resolutionBreached", false);

    String channel = text(execution, "channel");
    String subject = text(execution, "subject");
    tickets.insert(new Ticket(ticketId, execution.getProcessInstanceId(),
        text(execution, "requesterName"), text(execution, "requesterEmail"), text(execution, "requesterPhone"),
        text(execution, "requesterId"), text(execution, "assetId"), channel, subject,
        text(execution, "description"), text(execution, "location"),
        Instants.parse(execution.getVariable("occurredAt")),
        text(execution, "category"), text(execution, "impact"), text(execution, "urgency"),
        null, null, null, null, null, now, null, null, null, null, null, null, false, false, 0, null, null));
    String requesterId = text(execution, "requesterId");
    if (requesterId != null) {
      access.letUserRead(execution.getProcessInstanceId(), requesterId);
    }
    journal.record(ticketId, "OPENED", "Request opened via " + channel + ": " + subject);
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString().trim();
  }
}
