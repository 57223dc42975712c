package io.opsdesk.handling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.ticket.InputRules;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reclassifies a request: the message Reclassify starts the model's "Reclassify" event subprocess
 * (step reclassify-ticket, io.opsdesk.sla.ReclassifyTicket), which exists while the request is being
 * handled (ASSIGNED, IN_PROGRESS, WAITING).
 */
@Component
public class Reclassifications {

  static final String MESSAGE = "Reclassify";
  static final String REASON = "reclassifyReason";
  /** Who reclassifies: the service desk and supervisors (and administrators), never the handler group. */
  static final List<String> GROUPS = List.of(OpsDeskGroups.SERVICE_DESK, OpsDeskGroups.SUPERVISORS, OpsDeskGroups.ADMINS);

  private final RuntimeService runtime;
  private final ProcessEngine engine;

  public Reclassifications(@Lazy RuntimeService runtime, @Lazy ProcessEngine engine) {
    this.runtime = runtime;
    this.engine = engine;
  }

  /** What is wrong with a reclassification's inputs, by /api field name; empty when all are fine. */
  public static Map<String, String> check(Object category, Object impact, Object urgency, Object reason) {
    return check(category, impact, urgency, reason, "reason");
  }

  /** The same, naming the reason {@code reasonField} (the start form's variable is reclassifyReason). */
  static Map<String, String> check(Object category, Object impact, Object urgency, Object reason, String reasonField) {
    Map<String, String> errors = new LinkedHashMap<>();
    put(errors, "category", category, "category");
    put(errors, "impact", impact, "impact");
    put(errors, "urgency", urgency, "urgency");
    put(errors, reasonField, reason, REASON);
    return errors;
  }

  private static void put(Map<String, String> errors, String field, Object value, String variable) {
    String problem = InputRules.isBlank(value) ? "is required" : InputRules.check(variable, value);
    if (problem != null) {
      errors.put(field, problem);
    }
  }

  /** Reclassifies the request with this business key as the calling user, whose rights /api checked. */
  void reclassify(String ticketId, String category, String impact, String urgency, String reason) {
    AsCaller.withoutEngineChecks(engine, () -> runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(ticketId)
        .setVariableToTriggeredScope("category", category)
        .setVariableToTriggeredScope("impact", impact)
        .setVariableToTriggeredScope("urgency", urgency)
        .setVariableToTriggeredScope(REASON, reason)
        .correlateWithResult());
  }
}
