package io.opsdesk.inspection.redfish;

import static io.opsdesk.inspection.redfish.RedfishFixtures.PASSWORD;
import static io.opsdesk.inspection.redfish.RedfishFixtures.assertPlantedFaults;
import static io.opsdesk.inspection.redfish.RedfishFixtures.fastProperties;
import static io.opsdesk.inspection.redfish.RedfishFixtures.find;
import static io.opsdesk.inspection.redfish.RedfishFixtures.inspector;
import static io.opsdesk.inspection.redfish.RedfishFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.redfish.RedfishFixtures.RecordingHandler;
import io.opsdesk.inspection.simulator.RedfishSimulator;

/** The server inspection against Redfish mockups served over real HTTP on 127.0.0.1. */
class RedfishInspectorTest {

  private final RedfishInspector inspector = inspector(fastProperties());
  private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServers() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @Test
  void healthyServerOldShapeGivesOnlyOkFindingsAndSkipsTheAbsentPowerSupply() throws IOException {
    List<Finding> findings = inspector.inspect(server("srv-demo-01", url(demo(), "srv-demo-01"), "bmc"));

    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isEqualTo(Severity.OK));
    assertThat(findings).extracting(Finding::component, Finding::check).contains(
        tuple("BMC", "BMC"), tuple("System", "HEALTH"), tuple("Chassis", "HEALTH"), tuple("System", "INDICATOR"),
        tuple("CPU1 Temp", "TEMPERATURE"), tuple("Inlet Temp", "TEMPERATURE"), tuple("Fan 3", "FAN"),
        tuple("PSU 1", "POWER"), tuple("RAID Controller 1", "STORAGE"), tuple("Disk 1", "DRIVE"),
        tuple("Volume 1", "VOLUME"));
    assertThat(findings).extracting(Finding::component).doesNotContain("PSU 2");
    assertThat(find(findings, "CPU1 Temp", "TEMPERATURE").reading()).isEqualTo("45 °C");
    assertThat(find(findings, "Fan 1", "FAN").reading()).isEqualTo("5520 RPM");
    assertThat(find(findings, "System", "INDICATOR").reading()).isEqualTo("locate LED Off");
    assertThat(findings).allSatisfy(f -> assertThat(f.assetId()).isEqualTo("srv-demo-01"));
  }

  @Test
  void absentPartIsReportedWhenTheInventoryRequiresIt() throws IOException {
    List<Finding> findings = inspector.inspect(server("srv-demo-01", url(demo(), "srv-demo-01"), "bmc", "PSU 2"));

    Finding psu = find(findings, "PSU 2", "POWER");
    assertThat(psu.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(psu.reading()).isEqualTo("required part is State=Absent");
  }

  @Test
  void faultyServerNewShapeWithPagedSensors() throws IOException {
    RecordingHandler bmc = demo();
    List<Finding> findings = inspector.inspect(server("srv-demo-02", url(bmc, "srv-demo-02"), "bmc"));

    assertPlantedFaults(findings, "0 % (critical ≤ 10 %)");
    // The temperatures are on the second page of the Sensors collection.
    assertThat(bmc.requests).contains("/srv-demo-02/redfish/v1/Chassis/1/Sensors?$skip=4");
    assertThat(bmc.requests).noneMatch(r -> r.contains("$expand"));
    assertThat(find(findings, "CPU2 Temp", "TEMPERATURE").severity()).isEqualTo(Severity.OK);
    assertThat(find(findings, "System", "INDICATOR").reading()).isEqualTo("locate LED on");
    assertThat(findings).extracting(Finding::component).doesNotContain("PSU 2");
  }

  @Test
  void faultyServerOldShape() throws IOException {
    List<Finding> findings = inspector.inspect(server("srv-old", url(fixtures(), "old-shape-faulty"), "bmc"));

    assertPlantedFaults(findings, "0 RPM (fatal ≤ 500 RPM)");
  }

  @Test
  void healthyServerNewShape() throws IOException {
    List<Finding> findings = inspector.inspect(server("srv-new", url(fixtures(), "new-shape-healthy"), "bmc"));

    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isEqualTo(Severity.OK));
    assertThat(find(findings, "CPU1 Temp", "TEMPERATURE").reading()).isEqualTo("45 °C");
    assertThat(find(findings, "Fan 2", "FAN").reading()).isEqualTo("42 %");
    assertThat(find(findings, "PSU 1", "POWER").reading()).isEqualTo("Health=OK, State=Enabled");
    assertThat(find(findings, "RAID Controller 1", "STORAGE").severity()).isEqualTo(Severity.OK);
  }

  @Test
  void olderBmcWithSimpleStorageOnly() throws IOException {
    List<Finding> findings = inspector.inspect(server("srv-simple", url(fixtures(), "simple-storage"), "bmc"));

    assertThat(findings).filteredOn(f -> f.severity().isAnomaly())
        .extracting(Finding::component, Finding::check, Finding::severity, Finding::reading)
        .containsExactlyInAnyOrder(
            tuple("System", "HEALTH", Severity.CRITICAL, "Health=OK, HealthRollup=Critical, State=Enabled"),
            tuple("Embedded SATA Controller", "STORAGE", Severity.CRITICAL, "Health=OK, HealthRollup=Critical, State=Enabled"),
            tuple("SATA Disk 1", "DRIVE", Severity.CRITICAL, "Drive failed: Status.Health=Critical, State=Enabled"));
    assertThat(find(findings, "SATA Disk 0", "DRIVE").severity()).isEqualTo(Severity.OK);
    assertThat(find(findings, "System", "INDICATOR").reading()).isEqualTo("locate LED Blinking");
    assertThat(findings).extracting(Finding::component).doesNotContain("SATA Disk 2");
  }

  @Test
  void bmcThatSupportsExpandIsReadWithFewerRequests() throws IOException {
    RecordingHandler withExpand = fixtures();
    List<Finding> expanded = inspector.inspect(server("srv-exp", url(withExpand, "new-shape-expand"), "bmc"));
    RecordingHandler without = demo();
    inspector.inspect(server("srv-demo-02", url(without, "srv-demo-02"), "bmc"));

    assertPlantedFaults(expanded, "0 % (critical ≤ 10 %)");
    assertThat(find(expanded, "BMC", "BMC").reading()).endsWith("(with $expand)");
    assertThat(withExpand.requests).anyMatch(r -> r.endsWith("/Chassis/1/Sensors?$expand=.($levels=1)"));
    assertThat(withExpand.requests).contains("/new-shape-expand/redfish/v1/Chassis/1/Sensors?$skip=4");
    assertThat(withExpand.requests).hasSizeLessThan(without.requests.size());
  }

  @Test
  void wrongPasswordIsOneUnknownBmcFindingWithoutSecrets() throws IOException {
    List<Finding> findings = inspector.inspect(server("srv-demo-02", url(demo(), "srv-demo-02"), "wrong"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.component()).isEqualTo("BMC");
      assertThat(f.check()).isEqualTo("BMC");
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).startsWith("login refused (HTTP 401)")
          .doesNotContain(PASSWORD).doesNotContain("not-the-password").doesNotContain("Basic");
    });
  }

  @Test
  void credentialsAreNeverSentToAHostTheyAreNotConfiguredFor() throws IOException {
    RecordingHandler bmc = demo();
    List<Finding> findings = inspector.inspect(server("srv-demo-02", url(bmc, "srv-demo-02"), "elsewhere"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("BMC");
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).contains("not configured for this BMC's host", "opsdesk.credentials.elsewhere.hosts");
    });
    assertThat(bmc.requests).as("requests that reached the host").isEmpty();
  }

  @Test
  void malformedJsonIsUnknown() throws IOException {
    List<Finding> findings = inspector.inspect(server("srv-bad", url(fixtures(), "malformed"), "bmc"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).startsWith("malformed JSON for /redfish/v1/Systems");
    });
  }

  @Test
  void bmcThatNeverAnswersIsRetriedThenUnknown() throws IOException {
    int port = silentPort();
    RedfishProperties quick = RedfishFixtures.properties(Duration.ofMillis(300), Duration.ofSeconds(10), null, null);

    List<Finding> findings = inspector(quick).inspect(server("srv-dead", "http://127.0.0.1:" + port, "bmc"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.component()).isEqualTo("BMC");
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).isEqualTo("no answer within 0.3 s for /redfish/v1 (3 attempts)");
    });
  }

  /** A BMC that answers the service root and its collections, then falls silent in the middle of the inspection. */
  @Test
  void bmcThatStopsAnsweringMidInspectionIsUnknownNamingTheUnansweredRequest() throws IOException {
    RecordingHandler mockups = demo();
    RedfishSimulator bmc = RedfishSimulator.http(exchange -> {
      if (!exchange.getRequestURI().getPath().contains("/Systems/")) {
        mockups.handle(exchange);
      } else {
        try {
          Thread.sleep(3000); // longer than the inspector waits
        } catch (InterruptedException stopped) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
      }
    }, 0);
    servers.add(bmc);
    RedfishProperties quick = RedfishFixtures.properties(Duration.ofMillis(300), Duration.ofSeconds(10), null, null);

    List<Finding> findings = inspector(quick).inspect(server("srv-demo-01", "http://127.0.0.1:" + bmc.port() + "/srv-demo-01", "bmc"));

    assertThat(mockups.requests).as("answered before it fell silent").isNotEmpty();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.component()).isEqualTo("BMC");
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).matches("no answer within 0\\.3 s for /redfish/v1/Systems/.+ \\(3 attempts\\)");
    });
  }

  @Test
  void inspectionEndsAtItsDeadline() throws IOException {
    int port = silentPort();
    Duration deadline = Duration.ofMillis(1500);
    RedfishProperties slowBmc = RedfishFixtures.properties(Duration.ofSeconds(10), deadline, null, null);
    long start = System.nanoTime();

    List<Finding> findings = inspector(slowBmc).inspect(server("srv-dead", "http://127.0.0.1:" + port, "bmc"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plusSeconds(1));
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).startsWith("no answer within 1.");
    });
  }

  /** A port that accepts connections and never answers. */
  private int silentPort() throws IOException {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (!silent.isClosed()) {
          servers.add(silent.accept());
        }
      } catch (IOException closed) {
        // the test is over
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    servers.add(silent);
    return silent.getLocalPort();
  }

  @Test
  void closedPortIsUnknown() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    List<Finding> findings = inspector.inspect(server("srv-off", "http://127.0.0.1:" + port, "bmc"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).startsWith("cannot connect to 127.0.0.1:" + port);
    });
  }

  @Test
  void transientServerErrorIsRetried() throws IOException {
    AtomicInteger failures = new AtomicInteger(1);
    String url = failing(demo(), 503, request -> request.endsWith("/Systems") && failures.getAndDecrement() > 0);

    List<Finding> findings = inspector.inspect(server("srv-demo-01", url + "/srv-demo-01", "bmc"));

    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK)).hasSizeGreaterThan(10);
  }

  @Test
  void persistentServerErrorIsUnknownAfterTheRetries() throws IOException {
    AtomicInteger attempts = new AtomicInteger();
    String url = failing(demo(), 500, request -> attempts.incrementAndGet() > 0);

    List<Finding> findings = inspector.inspect(server("srv-500", url, "bmc"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).isEqualTo("HTTP 500 for /redfish/v1 (3 attempts)");
    });
    assertThat(attempts).hasValue(3);
  }

  @Test
  void missingCredentialsOrUrlWithUserInfoAreUnknownWithoutEchoingIt() {
    assertThat(inspector.inspect(server("srv-x", "http://127.0.0.1:1", "nobody"))).singleElement()
        .satisfies(f -> assertThat(f.reading()).isEqualTo("no credentials configured for credentialRef 'nobody'"));
    assertThat(inspector.inspect(server("srv-x", "http://root:calvin@127.0.0.1:1", "bmc"))).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
          assertThat(f.reading()).doesNotContain("calvin");
        });
    assertThat(inspector.inspect(server("srv-x", "https://127.0.0.1:1/?token=abc123", "bmc"))).singleElement()
        .satisfies(f -> assertThat(f.reading()).doesNotContain("abc123").startsWith("redfishUrl must be"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "http://203.0.113.9/steal | the BMC links outside its Redfish service: http://203.0.113.9/steal",
      "/redfish/v1/../../admin | the BMC links outside its Redfish service: /redfish/v1/../../admin",
      "/redfish/v1/Systems/a b | the BMC links to a malformed path: /redfish/v1/Systems/a b"})
  void badLinksAreNotFollowed(String link, String reading) throws IOException {
    RedfishSimulator bmc = RedfishSimulator.http(exchange -> {
      byte[] body = ("{\"Systems\": {\"@odata.id\": \"" + link + "\"}}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }, 0);
    servers.add(bmc);

    assertThat(inspector.inspect(server("srv-x", "http://127.0.0.1:" + bmc.port(), "bmc"))).singleElement()
        .satisfies(f -> assertThat(f.reading()).isEqualTo(reading));
  }

  @Test
  void bmcThatAnnouncesExpandButRefusesItIsReadMemberByMember() throws IOException {
    String url = failing(fixtures(), 501, request -> request.contains("$expand"));

    List<Finding> findings = inspector.inspect(server("srv-exp", url + "/new-shape-expand", "bmc"));

    assertPlantedFaults(findings, "0 % (critical ≤ 10 %)");
    assertThat(find(findings, "BMC", "BMC").reading()).doesNotContain("$expand");
  }

  @Test
  void endlessAnswerIsCutOff() throws IOException {
    RedfishSimulator bmc = RedfishSimulator.http(exchange -> {
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      try (var out = exchange.getResponseBody()) {
        for (int i = 0; i < 100; i++) {
          out.write(chunk);
        }
      } catch (IOException cutOff) {
        // the inspector stopped reading
      }
    }, 0);
    servers.add(bmc);

    assertThat(inspector.inspect(server("srv-big", "http://127.0.0.1:" + bmc.port(), "bmc"))).singleElement()
        .satisfies(f -> assertThat(f.reading()).isEqualTo("answer for /redfish/v1 larger than 4 MiB"));
  }

  /** A BMC answering {@code status} (no body) to the requests {@code refuse} picks, the mockups to the rest. */
  private String failing(RecordingHandler mockups, int status, Predicate<String> refuse) throws IOException {
    RedfishSimulator bmc = RedfishSimulator.http(exchange -> {
      if (refuse.test(exchange.getRequestURI().toString())) {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      } else {
        mockups.handle(exchange);
      }
    }, 0);
    servers.add(bmc);
    return "http://127.0.0.1:" + bmc.port();
  }

  private RecordingHandler demo() {
    return new RecordingHandler(RedfishSimulator.MOCKUPS);
  }

  private RecordingHandler fixtures() {
    return new RecordingHandler("redfish");
  }

  private String url(RecordingHandler handler, String serverName) throws IOException {
    RedfishSimulator bmc = RedfishSimulator.http(handler, 0);
    servers.add(bmc);
    return "http://127.0.0.1:" + bmc.port() + "/" + serverName;
  }
}
