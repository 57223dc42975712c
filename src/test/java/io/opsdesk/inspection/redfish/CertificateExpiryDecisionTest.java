package io.opsdesk.inspection.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.opsdesk.inspection.Severity;

/** Decision certificate-expiry (processes/certificate-expiry.dmn) at its edges, in a standalone DMN engine. */
class CertificateExpiryDecisionTest {

  private final CertificateGrading decision = RedfishFixtures.certificateDecision();

  @ParameterizedTest(name = "{0} days left -> {1}")
  @CsvSource({"-400, CRITICAL", "-1, CRITICAL", "0, WARNING", "1, WARNING", "30, WARNING", "31, OK", "3650, OK"})
  void gradesTheDaysLeft(long daysLeft, Severity expected) {
    assertThat(decision.grade(daysLeft)).isEqualTo(expected);
  }
}
