package io.opsdesk.inspection.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.sun.net.httpserver.HttpHandler;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.simulator.RedfishMockupHandler;

/** What the Redfish tests share: credentials, short timeouts, the certificate decision, assets. */
final class RedfishFixtures {

  static final String USER = "test-bmc";
  static final String PASSWORD = "fixture-password-7731";

  private RedfishFixtures() {
  }

  /** Timeouts generous enough for a loaded build machine, short enough for a quick test. */
  static RedfishProperties fastProperties() {
    return properties(Duration.ofSeconds(5), Duration.ofSeconds(15), null, null);
  }

  static RedfishProperties properties(Duration readTimeout, Duration deadline, String trustStore, String trustStorePassword) {
    return new RedfishProperties(Duration.ofSeconds(2), readTimeout, deadline, 2, Duration.ofMillis(50), trustStore,
        trustStorePassword, "PKCS12");
  }

  static Credentials credentials() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
        "opsdesk.credentials.bmc.username", USER, "opsdesk.credentials.bmc.password", PASSWORD,
        "opsdesk.credentials.bmc.hosts", "127.0.0.1, localhost",
        "opsdesk.credentials.wrong.username", USER, "opsdesk.credentials.wrong.password", "not-the-password-4410",
        "opsdesk.credentials.wrong.hosts", "127.0.0.1, localhost",
        "opsdesk.credentials.elsewhere.username", USER, "opsdesk.credentials.elsewhere.password", PASSWORD,
        "opsdesk.credentials.elsewhere.hosts", "bmc-r12.example.net")));
    return new Credentials(environment);
  }

  /** Decision certificate-expiry as the process owner models it, evaluated by a standalone DMN engine. */
  static CertificateGrading certificateDecision() {
    DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision decision;
    try (InputStream in = Files.newInputStream(Path.of("processes/certificate-expiry.dmn"))) {
      decision = engine.parseDecision(CertificateExpiryDecision.DECISION, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return daysLeft -> Severity.valueOf(engine.evaluateDecisionTable(decision,
        Variables.putValue("daysLeft", daysLeft)).getSingleResult().getSingleEntry());
  }

  static RedfishInspector inspector(RedfishProperties properties) {
    return new RedfishInspector(properties, credentials(), certificateDecision());
  }

  static Asset server(String assetId, String url, String credentialRef, String... requiredParts) {
    return new Asset(assetId, AssetType.SERVER, "test rack", "hardware-support", url, credentialRef, null, null,
        List.of(requiredParts));
  }

  static Finding find(List<Finding> findings, String component, String check) {
    return findings.stream().filter(f -> f.component().equals(component) && f.check().equals(check)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + check + " finding for " + component + " in " + findings));
  }

  /** The planted faults of srv-demo-02 and its test twins, and nothing else that is not OK. */
  static void assertPlantedFaults(List<Finding> findings, String fanReading) {
    assertThat(findings).filteredOn(f -> f.severity().isAnomaly())
        .extracting(Finding::component, Finding::check, Finding::severity, Finding::reading)
        .containsExactlyInAnyOrder(
            tuple("System", "HEALTH", Severity.CRITICAL, "Health=Warning, HealthRollup=Critical, State=Enabled"),
            tuple("Chassis", "HEALTH", Severity.CRITICAL, "Health=OK, HealthRollup=Critical, State=Enabled"),
            tuple("CPU1 Temp", "TEMPERATURE", Severity.CRITICAL, "92 °C (critical ≥ 90 °C), BMC says Health=OK"),
            tuple("Fan 3", "FAN", Severity.CRITICAL, fanReading),
            tuple("Disk 1", "DRIVE", Severity.CRITICAL,
                "Drive failed: Status.Health=Critical, State=Enabled, StatusIndicator=Fail"),
            tuple("Volume 1", "VOLUME", Severity.WARNING,
                "RAID1 degraded, Rebuild 40 % done, Health=Warning, State=Enabled"));
  }

  /** Serves the mockups under classpath {@code root} and remembers every request's path and query. */
  static final class RecordingHandler implements HttpHandler {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final RedfishMockupHandler mockups;

    RecordingHandler(String root) {
      mockups = new RedfishMockupHandler(root, USER, PASSWORD);
    }

    @Override
    public void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
      requests.add(exchange.getRequestURI().toString());
      mockups.handle(exchange);
    }
  }
}
