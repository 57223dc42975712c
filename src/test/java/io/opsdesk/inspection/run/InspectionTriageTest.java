package io.opsdesk.inspection.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.opsdesk.inspection.run.InspectionTriage.Outcome;
import io.opsdesk.testsupport.OpsDeskTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployed decision inspection-triage, rule by rule, as the process evaluates it. */
class InspectionTriageTest extends OpsDeskTest {

  @Autowired InspectionTriage triage;

  @ParameterizedTest(name = "{0} {1} {2} -> {3} {4} {5} {6}")
  @CsvSource({
      "TEMPERATURE, CPU1 Temp, OK, false, LOW, LOW, HARDWARE",
      "INDICATOR, Locate LED, WARNING, false, LOW, LOW, HARDWARE",
      "BMC, BMC, UNKNOWN, true, MEDIUM, LOW, HARDWARE",
      "PORT, tcp/443, CRITICAL, true, HIGH, HIGH, NETWORK",
      "PORT, tcp/22, WARNING, true, LOW, MEDIUM, NETWORK",
      "PORT, host, UNKNOWN, true, MEDIUM, LOW, NETWORK",
      "CERTIFICATE, https://bmc, CRITICAL, true, HIGH, HIGH, SECURITY",
      "CERTIFICATE, https://bmc, WARNING, true, MEDIUM, LOW, SECURITY",
      "CERTIFICATE, https://bmc, UNKNOWN, true, LOW, LOW, SECURITY",
      "VOLUME, Volume 0, CRITICAL, true, HIGH, HIGH, DATA",
      "VOLUME, Volume 0, WARNING, true, MEDIUM, MEDIUM, DATA",
      "FAN, Fan 3, CRITICAL, true, HIGH, HIGH, HARDWARE",
      "DRIVE, Disk 2, WARNING, true, MEDIUM, MEDIUM, HARDWARE",
      "TEMPERATURE, CPU1 Temp, UNKNOWN, true, MEDIUM, LOW, HARDWARE"})
  void triage(String check, String component, String severity, boolean open, String impact, String urgency,
      String category) {
    assertThat(triage.decide(check, component, severity)).isEqualTo(new Outcome(open, impact, urgency, category));
  }

  @Test
  void aProcessOwnersEditOfTheTableTakesEffectWithoutJava() throws IOException {
    String edited = Files.readString(Path.of("processes/inspection-triage.dmn")).replace(
        "<outputEntry id=\"rule-port-critical-category\"><text>\"NETWORK\"</text>",
        "<outputEntry id=\"rule-port-critical-category\"><text>\"SECURITY\"</text>");
    String deploymentId = engine.getRepositoryService().createDeployment().name("triage change")
        .addString("inspection-triage.dmn", edited).deploy().getId();
    try {
      assertThat(triage.decide("PORT", "tcp/23", "CRITICAL").category()).isEqualTo("SECURITY");
    } finally {
      engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
    assertThat(triage.decide("PORT", "tcp/23", "CRITICAL").category()).isEqualTo("NETWORK");
  }
}
