package io.opsdesk.inspection.run;

import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Decision inspection-triage (processes/inspection-triage.dmn) for one reading: whether it opens a
 * ticket and with which impact, urgency and category. The table decides, as its process owner last
 * deployed it; results are plain strings and a boolean.
 */
@Component
public class InspectionTriage {

  static final String DECISION = "inspection-triage";
  private static final List<String> LEVELS = List.of("LOW", "MEDIUM", "HIGH");

  /** The outcome for one reading. */
  public record Outcome(boolean openTicket, String impact, String urgency, String category) {

    /** The higher of two levels (HIGH, MEDIUM, LOW). */
    static String higher(String a, String b) {
      return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
    }

    int weight() {
      return LEVELS.indexOf(impact) + LEVELS.indexOf(urgency);
    }
  }

  /** What a reading no rule matches gets: a ticket, so that an anomaly the table forgot is still seen. */
  static final Outcome UNMATCHED = new Outcome(true, "MEDIUM", "MEDIUM", "HARDWARE");

  private final DecisionService decisions;

  public InspectionTriage(DecisionService decisions) {
    this.decisions = decisions;
  }

  public Outcome decide(String check, String component, String severity) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.putValue("check", check).putValue("component", component).putValue("severity", severity))
        .evaluate().getFirstResult();
    if (result == null) {
      return UNMATCHED;
    }
    return new Outcome(Boolean.TRUE.equals(result.getEntry("openTicket")), result.getEntry("impact"),
        result.getEntry("urgency"), result.getEntry("category"));
  }
}
