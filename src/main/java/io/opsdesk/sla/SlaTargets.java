package io.opsdesk.sla;

import java.time.Duration;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * What decision {@code sla} (processes/sla.dmn) gives a priority: the time to respond and to resolve,
 * and the priority (0-100) of the request's tasks in Tasklist.
 */
@Component
public class SlaTargets {

  public record Targets(Duration responseTime, Duration resolutionTime, int taskPriority) {
  }

  private final DecisionService decisions;

  public SlaTargets(DecisionService decisions) {
    this.decisions = decisions;
  }

  public Targets of(Object priority) {
    DmnDecisionResultEntries sla = decisions.evaluateDecisionByKey("sla")
        .variables(Variables.putValue("priority", priority))
        .evaluate()
        .getSingleResult();
    if (sla == null) {
      throw new IllegalStateException("Decision sla has no rule for priority " + priority);
    }
    return new Targets(duration(sla, "responseTime"), duration(sla, "resolutionTime"),
        ((Number) sla.getEntry("taskPriority")).intValue());
  }

  private static Duration duration(DmnDecisionResultEntries sla, String output) {
    Object value = sla.getEntry(output);
    return Duration.parse(String.valueOf(value));
  }
}
