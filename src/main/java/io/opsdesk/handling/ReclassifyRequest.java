package io.opsdesk.handling;

import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "reclassify-request" of ticket-reclassification: hands the checked classification to the
 * request's own process, as {@link ReclassifyController} does for /api. The ticket is this instance's
 * business key, set by {@link ValidateReclassificationStart} once it found the ticket being handled.
 */
@Component("reclassifyRequest")
public class ReclassifyRequest implements JavaDelegate {

  private final Reclassifications reclassifications;

  public ReclassifyRequest(Reclassifications reclassifications) {
    this.reclassifications = reclassifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = execution.getProcessBusinessKey();
    try {
      reclassifications.reclassify(ticketId, (String) execution.getVariable("category"),
          (String) execution.getVariable("impact"), (String) execution.getVariable("urgency"),
          ((String) execution.getVariable(Reclassifications.REASON)).trim());
    } catch (MismatchingMessageCorrelationException e) {
      throw new InvalidInputException("Start of " + ValidateReclassificationStart.PROCESS_KEY + " refused",
          Map.of(ValidateReclassificationStart.TICKET_ID, "is not being handled"));
    }
  }
}
