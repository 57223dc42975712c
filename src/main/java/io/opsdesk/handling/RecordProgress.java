package io.opsdesk.handling;

import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "record-progress" (manual 4.3.2: the handler keeps the user informed): the note posted
 * with the ProgressUpdate message goes into the journal; the requester is mailed from the model.
 */
@Component("recordProgress")
public class RecordProgress implements JavaDelegate {

  private final TicketRepository tickets;
  private final TicketJournal journal;

  public RecordProgress(TicketRepository tickets, TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String author = (String) execution.getVariable("progressAuthor");
    String ticketId = tickets.findByProcessInstance(execution.getProcessInstanceId()).orElseThrow().ticketId();
    journal.record(ticketId, author == null ? journal.currentActor() : author,
        "PROGRESS", "Progress note to the requester: " + execution.getVariable("progressUpdate"));
  }
}
