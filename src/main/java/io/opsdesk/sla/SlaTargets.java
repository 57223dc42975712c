package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;

import io.opsdesk.ticket.Vocabulary;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What decision {@code sla} (processes/sla.dmn) gives a priority: the time to respond and to resolve,
 * the calendar both are counted on, the priority (0-100) of the request's tasks in Tasklist, and the
 * share of each time at which the handler group is warned.
 */
@Component
public class SlaTargets {

  public record Targets(Duration responseTime, Duration resolutionTime, int taskPriority, WorkingTime calendar,
      double warningShare) {

    /** When a clock of {@code time} started at {@code start} warns: its share of the time, on the calendar, to the second. */
    public Instant warningAt(Instant start, Duration time) {
      return calendar.plus(start, Duration.ofSeconds(Math.round(time.toSeconds() * warningShare)));
    }
  }

  private final DecisionService decisions;
  private final SlaCalendars calendars;

  public SlaTargets(DecisionService decisions, SlaCalendars calendars) {
    this.decisions = decisions;
    this.calendars = calendars;
  }

  public Targets of(Object priority) {
    DmnDecisionResultEntries sla = decisions.evaluateDecisionByKey("sla")
        .variables(Variables.putValue("priority", priority))
        .evaluate()
        .getSingleResult();
    if (sla == null) {
      throw new IllegalStateException("Decision sla has no rule for priority " + priority);
    }
    Object calendar = sla.getEntry("calendar");
    if (calendar == null) {
      throw new IllegalStateException("Decision sla names no calendar for priority " + priority);
    }
    try {
      return new Targets(duration(sla, "responseTime"), duration(sla, "resolutionTime"),
          ((Number) sla.getEntry("taskPriority")).intValue(), calendars.get(calendar.toString()), share(sla));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Decision sla, priority " + priority + ": " + e.getMessage(), e);
    }
  }

  /**
   * The deployed table must give every priority its times and a known calendar: a calendar name the
   * configuration lacks stops the start instead of surfacing at the first request of that priority.
   */
  @EventListener(ApplicationStartedEvent.class)
  public void checkTable() {
    Vocabulary.PRIORITIES.forEach(this::of);
  }

  /** A warning after the deadline or at the start would be no warning: the share lies strictly between 0 and 1. */
  private static double share(DmnDecisionResultEntries sla) {
    Object value = sla.getEntry("warningShare");
    double share = value instanceof Number number ? number.doubleValue() : -1;
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("warningShare must lie between 0 and 1 (exclusive), not " + value);
    }
    return share;
  }

  private static Duration duration(DmnDecisionResultEntries sla, String output) {
    Object value = sla.getEntry(output);
    return Duration.parse(String.valueOf(value));
  }
}
