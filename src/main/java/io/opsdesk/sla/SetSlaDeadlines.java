package io.opsdesk.sla;

import io.opsdesk.ticket.TicketTransitions;
import io.opsdesk.ticket.VocabularyLabels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "set-sla-deadlines": what the priority means for the request. Its response and resolution
 * times from decision {@code sla}, counted from the request's creation on the calendar the decision
 * names (wall-clock time on 24x7, working time on a business calendar), and,
 * for Tasklist, {@code taskPriority} (the user tasks' priority, from the same decision) and
 * {@code priorityName} ("紧急 Urgent", shown on every task card).
 */
@Component("setSlaDeadlines")
public class SetSlaDeadlines implements JavaDelegate {

  private final SlaTargets targets;
  private final TicketTransitions transitions;

  public SetSlaDeadlines(SlaTargets targets, TicketTransitions transitions) {
    this.targets = targets;
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String priority = (String) execution.getVariable("priority");
    SlaTargets.Targets sla = targets.of(priority);
    transitions.setDeadlines(execution, sla);
    execution.setVariable("taskPriority", sla.taskPriority());
    execution.setVariable("priorityName", VocabularyLabels.bilingual("priority", priority));
  }
}
