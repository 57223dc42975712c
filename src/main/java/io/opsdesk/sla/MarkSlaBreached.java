package io.opsdesk.sla;

import java.util.Date;

import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN steps "mark-response-breached" and "mark-resolution-breached", reached when an SLA timer
 * fires. The step's input parameter {@code clock} says which clock ran out: response or resolution.
 */
@Component("markSlaBreached")
public class MarkSlaBreached implements JavaDelegate {

  private final TicketRepository tickets;
  private final TicketJournal journal;

  public MarkSlaBreached(TicketRepository tickets, TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = (String) execution.getVariable("ticketId");
    String clock = (String) execution.getVariableLocal("clock");
    Date due = (Date) execution.getVariable(clock + "Due");
    execution.setVariable(clock + "Breached", true);
    if ("response".equals(clock)) {
      tickets.markResponseBreached(ticketId);
      journal.record(ticketId, "SLA_BREACHED", "Response SLA breached: not accepted by " + due.toInstant());
    } else if ("resolution".equals(clock)) {
      tickets.markResolutionBreached(ticketId);
      journal.record(ticketId, "SLA_BREACHED",
          "Resolution SLA breached: not resolved by " + due.toInstant() + "; a delay report is due");
    } else {
      throw new IllegalArgumentException("Input parameter clock must be response or resolution, was " + clock);
    }
  }
}
