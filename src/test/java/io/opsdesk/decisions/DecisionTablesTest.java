package io.opsdesk.decisions;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of the deployed decision tables, against the contract's tables. */
class DecisionTablesTest extends OpsDeskTest {

  @Autowired
  DecisionService decisions;

  @ParameterizedTest(name = "{0} impact, {1} urgency, {2} -> {3}")
  @CsvSource({
      "HIGH, HIGH, HARDWARE, URGENT", "HIGH, MEDIUM, SOFTWARE, IMPORTANT", "HIGH, LOW, NETWORK, GENERAL",
      "MEDIUM, HIGH, DATA, IMPORTANT", "MEDIUM, MEDIUM, OTHER, GENERAL", "MEDIUM, LOW, HARDWARE, MINOR",
      "LOW, HIGH, SOFTWARE, GENERAL", "LOW, MEDIUM, NETWORK, MINOR", "LOW, LOW, OTHER, MINOR",
      // SECURITY raises the result to at least IMPORTANT
      "HIGH, HIGH, SECURITY, URGENT", "HIGH, MEDIUM, SECURITY, IMPORTANT", "HIGH, LOW, SECURITY, IMPORTANT",
      "MEDIUM, HIGH, SECURITY, IMPORTANT", "MEDIUM, MEDIUM, SECURITY, IMPORTANT", "MEDIUM, LOW, SECURITY, IMPORTANT",
      "LOW, HIGH, SECURITY, IMPORTANT", "LOW, MEDIUM, SECURITY, IMPORTANT", "LOW, LOW, SECURITY, IMPORTANT"})
  void priority(String impact, String urgency, String category, String expected) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey("priority")
        .variables(Variables.putValue("impact", impact).putValue("urgency", urgency).putValue("category", category))
        .evaluate().getSingleResult();
    assertThat((String) result.getEntry("priority")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> respond {1}, resolve {2}, on {3}")
  @CsvSource({"URGENT, PT30M, PT2H, 24x7", "IMPORTANT, PT1H, PT4H, 24x7", "GENERAL, PT2H, PT8H, business",
      "MINOR, PT4H, PT24H, business"})
  void sla(String priority, String responseTime, String resolutionTime, String calendar) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey("sla")
        .variables(Variables.putValue("priority", priority)).evaluate().getSingleResult();
    assertThat((String) result.getEntry("responseTime")).isEqualTo(responseTime);
    assertThat((String) result.getEntry("resolutionTime")).isEqualTo(resolutionTime);
    assertThat((String) result.getEntry("calendar")).isEqualTo(calendar);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"HARDWARE, hardware-support", "SOFTWARE, software-support", "NETWORK, network-support",
      "DATA, data-support", "SECURITY, security-support", "OTHER, service-desk"})
  void routing(String category, String group) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey("routing")
        .variables(Variables.putValue("category", category)).evaluate().getSingleResult();
    assertThat((String) result.getEntry("candidateGroup")).isEqualTo(group);
  }
}
