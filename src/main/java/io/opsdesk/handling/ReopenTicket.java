package io.opsdesk.handling;

import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN step "reopen": the requester was not satisfied; the handler diagnoses again. */
@Component("reopenTicket")
public class ReopenTicket implements JavaDelegate {

  private final TicketRepository tickets;
  private final TicketJournal journal;

  public ReopenTicket(TicketRepository tickets, TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = (String) execution.getVariable("ticketId");
    int reopenCount = ((Number) execution.getVariable("reopenCount")).intValue() + 1;
    execution.setVariable("reopenCount", reopenCount);
    tickets.reopen(ticketId, reopenCount);
    journal.record(ticketId, "REOPENED", "Reopened (" + reopenCount + ") at the requester's request; back to diagnosis");
  }
}
