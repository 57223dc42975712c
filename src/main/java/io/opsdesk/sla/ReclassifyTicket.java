package io.opsdesk.sla;

import java.util.Map;

import io.opsdesk.handling.Reclassifications;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * BPMN step "reclassify-ticket" of the "Reclassify" event subprocess: the corrected category, impact
 * and urgency and the reason came with the Reclassify message into the subprocess's own scope (see
 * io.opsdesk.handling.Reclassifications). Decisions priority, sla and routing give the new priority,
 * targets and handler group, exactly as at the first classification.
 */
@Component("reclassifyTicket")
public class ReclassifyTicket implements JavaDelegate {

  private final DecisionService decisions;
  private final SlaTargets targets;
  private final TicketTransitions transitions;
  private final TicketJournal journal;

  public ReclassifyTicket(DecisionService decisions, SlaTargets targets, TicketTransitions transitions,
      TicketJournal journal) {
    this.decisions = decisions;
    this.targets = targets;
    this.transitions = transitions;
    this.journal = journal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object category = execution.getVariableLocal("category");
    Object impact = execution.getVariableLocal("impact");
    Object urgency = execution.getVariableLocal("urgency");
    Object reason = execution.getVariableLocal("reclassifyReason");
    // The message can also come through the engine's own API: judged here too, by the same rules.
    Map<String, String> errors = Reclassifications.check(category, impact, urgency, reason);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Reclassification refused", errors);
    }
    String priority = decisions.evaluateDecisionByKey("priority")
        .variables(Variables.putValue("category", category).putValue("impact", impact).putValue("urgency", urgency))
        .evaluate().getSingleEntry();
    String group = decisions.evaluateDecisionByKey("routing").variables(Variables.putValue("category", category))
        .evaluate().getSingleEntry();
    transitions.reclassify(execution,
        new TicketTransitions.Classification((String) category, (String) impact, (String) urgency, priority, group),
        targets.of(priority), journal.currentActor(), ((String) reason).trim());
  }
}
