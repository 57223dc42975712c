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
  private final SlaCalendars calendars;

  public ResumeSla(TicketTransitions transitions, TicketJournal journal, SlaCalendars calendars) {
    this.transitions = transitions;
    this.journal = journal;
    this.calendars = calendars;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.resume(execution, journal.currentActor(), this::dueAfterPause);
  }

  /**
   * The one rule for a paused clock's new due time (and its warning time, which moves the same): the
   * time paused, counted on the clock's calendar in whole seconds, is added to the time on that calendar.
   * On 24x7 that is the wall-clock time paused; on a business calendar only the working time paused
   * counts (a pause over a night or a weekend moves nothing but its working hours).
   */
  Instant dueAfterPause(SlaClock clock, Instant time, Instant pausedAt, Instant resumedAt) {
    WorkingTime calendar = calendars.get(clock.calendar());
    Duration paused = Duration.ofSeconds(calendar.between(pausedAt, resumedAt).toSeconds());
    // Nothing paused in working time: the time stays, also when it lies at a closing time.
    return paused.isZero() ? time : calendar.plus(time, paused);
  }
}
