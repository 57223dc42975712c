package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;

import io.opsdesk.ticket.SlaClock;
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

  public ResumeSla(TicketTransitions transitions, TicketJournal journal) {
    this.transitions = transitions;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.resume(execution, journal.currentActor(), ResumeSla::dueAfterPause);
  }

  /**
   * The one rule for a paused clock's new due time: on 24x7 time the wall-clock time paused, in whole
   * seconds, is added. (A business calendar counts only the working time paused; it takes over here.)
   */
  static Instant dueAfterPause(SlaClock clock, Instant pausedAt, Instant resumedAt) {
    return clock.dueAt().plusSeconds(Duration.between(pausedAt, resumedAt).toSeconds());
  }
}
