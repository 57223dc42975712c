package io.opsdesk.sla;

import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "pause-sla" of the "On hold" event subprocess: the request waits for the requester or a
 * vendor and its SLA clocks stop. Who it waits for and why came with the PutOnHold message, into the
 * subprocess's own scope (see io.opsdesk.handling.Holds).
 */
@Component("pauseSla")
public class PauseSla implements JavaDelegate {

  private final TicketTransitions transitions;
  private final TicketJournal journal;

  public PauseSla(TicketTransitions transitions, TicketJournal journal) {
    this.transitions = transitions;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.pause(execution, (String) execution.getVariableLocal("waitingFor"),
        (String) execution.getVariableLocal("holdReason"), journal.currentActor());
  }
}
