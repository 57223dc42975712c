package io.opsdesk.handling;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN steps "close" and "auto-close". The step's input parameter {@code reason} says why:
 * CONFIRMED by the requester, or AUTO_CLOSED when no confirmation came in time.
 */
@Component("closeTicket")
public class CloseTicket implements JavaDelegate {

  private final TicketRepository tickets;
  private final TicketJournal journal;

  public CloseTicket(TicketRepository tickets, TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = (String) execution.getVariable("ticketId");
    String reason = (String) execution.getVariableLocal("reason");
    boolean confirmed = "CONFIRMED".equals(reason);
    Boolean satisfied = confirmed ? (Boolean) execution.getVariable("satisfied") : null;
    Integer score = confirmed ? ((Number) execution.getVariable("satisfactionScore")).intValue() : null;
    execution.setVariable("closeReason", reason);
    tickets.close(ticketId, reason, satisfied, score, EngineClock.now());
    journal.record(ticketId, "CLOSED", confirmed
        ? "Closed: the requester confirmed the solution (satisfaction " + score + "/5)"
        : "Closed automatically: the requester did not answer the confirmation in time");
  }
}
