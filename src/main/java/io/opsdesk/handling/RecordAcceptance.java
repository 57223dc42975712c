package io.opsdesk.handling;

import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of task "accept": whoever accepts becomes the handler of the request and the
 * response SLA is measured now (met when accepted by responseDue).
 */
@Component("recordAcceptance")
public class RecordAcceptance implements TaskListener {

  private final TicketTransitions transitions;
  private final TicketJournal journal;

  public RecordAcceptance(TicketTransitions transitions, TicketJournal journal) {
    this.transitions = transitions;
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
    transitions.accept(task, handler);
  }
}
