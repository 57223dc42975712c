package io.opsdesk.handling;

import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "record-resolution", after a successful verification: the resolution SLA is measured
 * now (met when verified by resolutionDue), whether or not its timer has fired yet.
 */
@Component("recordResolution")
public class RecordResolution implements JavaDelegate {

  private final TicketTransitions transitions;

  public RecordResolution(TicketTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    transitions.resolve(execution);
  }
}
