package io.opsdesk.sla;

import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "resume-sla", after task "resume-request": the answer the request waited for came, its
 * SLA clocks count again and are due later by the time they were paused.
 */
@Component("resumeSla")
public class ResumeSla implements JavaDelegate {

  private final TicketTransitions transitions;
  private final TicketJournal journal;
  private final SlaCalendars calendars;

  public ResumeSla(TicketTransitions transitions, TicketJournal journal, SlaCalendars calendars) {
    this.transitions = transitions;
    this.journal = journal;
    this.calendars = calendars;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.resume(execution, journal.currentActor(), calendars::get);
  }
}
