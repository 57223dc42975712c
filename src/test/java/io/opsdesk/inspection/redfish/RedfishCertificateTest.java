package io.opsdesk.inspection.redfish;

import static io.opsdesk.inspection.redfish.RedfishFixtures.find;
import static io.opsdesk.inspection.redfish.RedfishFixtures.inspector;
import static io.opsdesk.inspection.redfish.RedfishFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.redfish.RedfishFixtures.RecordingHandler;
import io.opsdesk.inspection.simulator.RedfishSimulator;

/**
 * Manual 5.4.3: the certificate an HTTPS BMC presents in the handshake, graded by decision
 * certificate-expiry; the trust store decides whether the BMC is talked to at all. Certificates are
 * made with the JDK's keytool for 127.0.0.1.
 */
class RedfishCertificateTest {

  private static final String STORE_PASSWORD = "test-store-5521";

  @TempDir
  static Path dir;
  private static Path valid;
  private static Path other;

  @BeforeAll
  static void makeCertificates() throws Exception {
    // keytool starts a JVM each: run them side by side.
    List<Process> running = List.of(keytool("expiring", null, 10), keytool("valid", null, 400),
        keytool("expired", "-20d", 10), keytool("other", null, 400));
    for (Process keytool : running) {
      String output = new String(keytool.getInputStream().readAllBytes());
      assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(keytool.exitValue()).as(output).isZero();
    }
    valid = dir.resolve("valid.p12");
    other = dir.resolve("other.p12");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"expiring, WARNING, expires %s (9 days)", "valid, OK, expires %s (399 days)",
      "expired, CRITICAL, expired %s (10 days ago)"})
  void certificateOfTheHandshakeIsGradedByItsExpiry(String keyPair, Severity severity, String reading) throws Exception {
    Path bmc = dir.resolve(keyPair + ".p12");

    List<Finding> findings = inspectOverHttps(bmc, trustStore(bmc));

    Finding certificate = find(findings, "TLS certificate", "CERTIFICATE");
    assertThat(certificate.severity()).isEqualTo(severity);
    assertThat(certificate.reading()).isEqualTo(reading.formatted(notAfter(bmc)));
    // The certificate does not hide the server's own findings.
    assertThat(findings).filteredOn(f -> !f.check().equals("CERTIFICATE"))
        .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK)).hasSizeGreaterThan(10);
  }

  @Test
  void decisionThatCannotGradeLeavesOnlyTheCertificateUnknown() throws Exception {
    CertificateGrading broken = daysLeft -> {
      throw new IllegalStateException("decision certificate-expiry has no rule for " + daysLeft + " days");
    };
    RedfishInspector inspector = new RedfishInspector(RedfishFixtures.properties(Duration.ofSeconds(5),
        Duration.ofSeconds(15), trustStore(valid).toUri().toString(), STORE_PASSWORD), RedfishFixtures.credentials(), broken);

    List<Finding> findings = inspectOverHttps(valid, inspector);

    Finding certificate = find(findings, "TLS certificate", "CERTIFICATE");
    assertThat(certificate.severity()).isEqualTo(Severity.UNKNOWN);
    assertThat(certificate.reading()).endsWith("(399 days), not graded: decision certificate-expiry has no rule for 399 days");
    assertThat(find(findings, "BMC", "BMC").severity()).isEqualTo(Severity.OK);
  }

  @Test
  void certificateTheTrustStoreDoesNotVouchForIsUnknown() throws Exception {
    List<Finding> findings = inspectOverHttps(valid, trustStore(other));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.component()).isEqualTo("BMC");
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).startsWith("TLS certificate not accepted by the trust policy");
    });
  }

  @Test
  void withoutTrustStoreTheJdkDefaultTrustRefusesASelfSignedBmc() throws Exception {
    assertThat(inspectOverHttps(valid, (Path) null)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.UNKNOWN));
  }

  private List<Finding> inspectOverHttps(Path keyStore, Path trustStore) throws Exception {
    RedfishProperties properties = RedfishFixtures.properties(Duration.ofSeconds(5), Duration.ofSeconds(15),
        trustStore == null ? null : trustStore.toUri().toString(), STORE_PASSWORD);
    return inspectOverHttps(keyStore, inspector(properties));
  }

  private List<Finding> inspectOverHttps(Path keyStore, RedfishInspector inspector) throws Exception {
    try (RedfishSimulator bmc = RedfishSimulator.https(new RecordingHandler(RedfishSimulator.MOCKUPS), 0, serverTls(keyStore))) {
      return inspector.inspect(server("srv-tls", "https://127.0.0.1:" + bmc.port() + "/srv-demo-01", "bmc"));
    }
  }

  /** Starts keytool making a self-signed EC key pair for 127.0.0.1, valid {@code days} from {@code start} (null: now). */
  private static Process keytool(String name, String start, int days) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "bmc",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
        "-validity", String.valueOf(days), "-keystore", dir.resolve(name + ".p12").toString(), "-storetype", "PKCS12",
        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD));
    if (start != null) {
      command.addAll(List.of("-startdate", start));
    }
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static Path trustStore(Path keyStore) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("bmc", certificate(keyStore));
    Path file = dir.resolve("trust-" + keyStore.getFileName());
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, STORE_PASSWORD.toCharArray());
    }
    return file;
  }

  private static SSLContext serverTls(Path keyStore) throws IOException, GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(keyStore), STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    return tls;
  }

  private static X509Certificate certificate(Path keyStore) throws IOException, GeneralSecurityException {
    return (X509Certificate) load(keyStore).getCertificate("bmc");
  }

  private static LocalDate notAfter(Path keyStore) throws IOException, GeneralSecurityException {
    return LocalDate.ofInstant(certificate(keyStore).getNotAfter().toInstant(), ZoneOffset.UTC);
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    return store;
  }
}
