package io.opsdesk.handling;

import java.time.Instant;
import java.util.Date;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "record-resolution", after a successful verification: the resolution SLA is measured
 * now (met when verified by resolutionDue), whether or not its timer has fired yet.
 */
@Component("recordResolution")
public class RecordResolution implements JavaDelegate {

  private final TicketRepository tickets;
  private final TicketJournal journal;

  public RecordResolution(TicketRepository tickets, TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = (String) execution.getVariable("ticketId");
    Instant now = EngineClock.now();
    boolean breached = Boolean.TRUE.equals(execution.getVariable("resolutionBreached"))
        || now.isAfter(((Date) execution.getVariable("resolutionDue")).toInstant());
    execution.setVariable("resolutionBreached", breached);
    tickets.resolve(ticketId, now, breached);
    journal.record(ticketId, "RESOLVED",
        "Resolved and verified; resolution SLA " + (breached ? "breached" : "met") + "; waiting for the requester's confirmation");
  }
}
