package io.opsdesk.handling;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of task "accept": whoever accepts becomes the handler of the request and the
 * response SLA is measured now (met when accepted by responseDue).
 */
@Component("recordAcceptance")
public class RecordAcceptance implements TaskListener {

  private final TicketRepository tickets;
  private final TicketJournal journal;

  public RecordAcceptance(TicketRepository tickets, TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  @Override
  public void notify(DelegateTask task) {
    String handler = task.getAssignee();
    if (handler == null) {
      String actor = journal.currentActor();
      if (TicketJournal.SYSTEM.equals(actor)) {
        throw new InvalidInputException("Task accept not completed",
            Map.of("assignee", "is required: claim the task before accepting it"));
      }
      handler = actor;
    }
    String ticketId = (String) task.getVariable("ticketId");
    Instant now = EngineClock.now();
    boolean breached = Boolean.TRUE.equals(task.getVariable("responseBreached"))
        || now.isAfter(((Date) task.getVariable("responseDue")).toInstant());
    task.setVariable("handler", handler);
    task.setVariable("responseBreached", breached);
    tickets.accept(ticketId, handler, now, breached);
    journal.record(ticketId, handler, "ACCEPTED",
        "Accepted by " + handler + "; response SLA " + (breached ? "breached" : "met"));
  }
}
