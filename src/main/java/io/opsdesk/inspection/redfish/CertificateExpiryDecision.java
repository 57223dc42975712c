package io.opsdesk.inspection.redfish;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import io.opsdesk.inspection.Severity;

/**
 * Grades a certificate's remaining days with decision {@code certificate-expiry}
 * (processes/certificate-expiry.dmn), so that the warning period is tuned in the model, not in Java.
 */
@Component
public class CertificateExpiryDecision implements CertificateGrading {

  static final String DECISION = "certificate-expiry";

  private final DecisionService decisions;

  public CertificateExpiryDecision(DecisionService decisions) {
    this.decisions = decisions;
  }

  @Override
  public Severity grade(long daysLeft) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.createVariables().putValue("daysLeft", daysLeft))
        .evaluate()
        .getSingleResult();
    if (result == null) {
      throw new IllegalStateException("decision " + DECISION + " has no rule for " + daysLeft + " days");
    }
    return Severity.valueOf(result.getSingleEntry());
  }
}
