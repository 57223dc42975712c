package io.opsdesk.sla;

import java.time.Duration;

import io.opsdesk.ticket.Vocabulary;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What decision {@code sla} (processes/sla.dmn) gives a priority: the time to respond and to resolve,
 * the calendar both are counted on, and the priority (0-100) of the request's tasks in Tasklist.
 */
@Component
public class SlaTargets {

  public record Targets(Duration responseTime, Duration resolutionTime, int taskPriority, WorkingTime calendar) {
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
          ((Number) sla.getEntry("taskPriority")).intValue(), calendars.get(calendar.toString()));
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

  private static Duration duration(DmnDecisionResultEntries sla, String output) {
    Object value = sla.getEntry(output);
    return Duration.parse(String.valueOf(value));
  }
}
