package io.opsdesk.sla;

import java.time.Instant;
import java.util.Date;

import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN steps "mark-response-breached" and "mark-resolution-breached", reached when an SLA timer
 * fires. The step's input parameter {@code clock} says which clock ran out: response or resolution.
 * Its local variable {@code newlyBreached} tells the model whether this run marked the breach (and
 * so mails the supervisors) or found it marked already. A resolution breach also sets
 * {@code resolutionEscalationAt}, when the second level follows if the request is still unresolved: half
 * the priority's resolution time after the due time, on its calendar.
 */
@Component("markSlaBreached")
public class MarkSlaBreached implements JavaDelegate {

  private final TicketTransitions transitions;
  private final SlaTargets targets;

  public MarkSlaBreached(TicketTransitions transitions, SlaTargets targets) {
    this.transitions = transitions;
    this.targets = targets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaClockKind kind = SlaClockKind.of(execution.getVariableLocal("clock"));
    execution.setVariableLocal("newlyBreached", transitions.breach(execution, kind));
    if (kind == SlaClockKind.RESOLUTION) {
      // From the due time, not from now: a second run of the breach step sets the same time.
      SlaTargets.Targets sla = targets.of(execution.getVariable("priority"));
      Instant due = ((Date) execution.getVariable(kind.dueVariable())).toInstant();
      execution.setVariable("resolutionEscalationAt",
          Date.from(sla.calendar().plus(due, sla.resolutionTime().dividedBy(2))));
    }
  }
}
