package io.opsdesk.inspection.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.asset.AssetRepository;
import io.opsdesk.inspection.asset.TestAssets;
import io.opsdesk.inspection.simulator.RedfishMockupHandler;
import io.opsdesk.inspection.simulator.RedfishSimulator;
import io.opsdesk.inspection.run.InspectionRecords.Reading;
import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The daily inspection as it runs: a supervisor (or the timer) starts it, every asset is inspected
 * (NETWORK assets against real ports on 127.0.0.1), anomalies become monitoring tickets, repeated
 * ones go to the open ticket's journal, and the owner group signs the record off.
 */
class DailyInspectionTest extends OpsDeskTest {

  @Autowired AssetRepository inventory;
  @Autowired Environment environment;
  @Autowired InspectionSettings settings;
  @Autowired InspectionRecords records;
  @Autowired InspectionCleanup cleanup;

  private final List<ServerSocket> listening = new ArrayList<>();
  private int maxNewTickets;
  private Duration slowConnect;

  @BeforeEach
  void emptyInventory() {
    inventory.all().forEach(asset -> inventory.delete(asset.assetId()));
    maxNewTickets = settings.getMaxNewTickets();
    slowConnect = settings.getSlowConnect();
  }

  @AfterEach
  void closePortsAndInventory() throws IOException {
    inventory.all().forEach(asset -> inventory.delete(asset.assetId()));
    settings.setMaxNewTickets(maxNewTickets);
    settings.setSlowConnect(slowConnect);
    for (ServerSocket socket : listening) {
      socket.close();
    }
  }

  @Test
  void anOpenPortIsOkAndAClosedOneOpensOneMonitoringTicketForTheOwnerGroupToReview() throws IOException {
    int port = listen();
    String switchId = network(port);

    ProcessInstance allOk = inspect(Map.of());
    String firstRun = runIdOf(allOk);
    assertThat(readings(firstRun, switchId)).singleElement().satisfies(r -> {
      assertThat(r.component()).isEqualTo("tcp/" + port);
      assertThat(r.check()).isEqualTo("PORT");
      assertThat(r.severity()).isEqualTo(Severity.OK);
      assertThat(r.reading()).matches("connected in \\d+ ms");
      assertThat(r.ticketId()).isNull();
    });
    assertThat(ended(allOk)).isTrue();
    assertThat(records.run(firstRun).orElseThrow().finishedAt()).isNotNull();

    stopListening(port);
    ProcessInstance closed = inspect(Map.of());
    String secondRun = runIdOf(closed);
    Reading refused = readings(secondRun, switchId).get(0);
    assertThat(refused.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(refused.reading()).startsWith("connection refused");
    Ticket ticket = tickets.find(refused.ticketId()).orElseThrow();
    assertThat(ticket.channel()).isEqualTo("MONITORING");
    assertThat(ticket.assetId()).isEqualTo(switchId);
    assertThat(ticket.category()).isEqualTo("NETWORK");
    assertThat(ticket.impact()).isEqualTo("HIGH");
    assertThat(ticket.urgency()).isEqualTo("HIGH");
    assertThat(ticket.subject()).isEqualTo("Inspection: " + switchId + " — 1 finding");
    assertThat(ticket.description()).contains("tcp/" + port + " [PORT] CRITICAL: connection refused");
    assertThat(ticket.candidateGroup()).isEqualTo("network-support");

    Task review = openTask(closed, "review-inspection");
    assertThat(taskService.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("network-support");
    assertThat((String) taskService.getVariable(review.getId(), "findingsSummary"))
        .contains(switchId + " · tcp/" + port + " [PORT] CRITICAL").contains("→ " + ticket.ticketId());

    assertThatThrownBy(() -> work("tech", closed, "review-inspection", vars("reviewRemark", " ")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reviewRemark is required");
    work("tech", closed, "review-inspection", vars("reviewRemark", "Switch port down, ticket with network support"));
    InspectionRecords.Run signed = records.run(secondRun).orElseThrow();
    assertThat(signed.reviewer()).isEqualTo("tech");
    assertThat(signed.reviewedAt()).isNotNull();
    assertThat(signed.remark()).isEqualTo("Switch port down, ticket with network support");
    assertThat(signed.critical()).isEqualTo(1);
    assertThat(ended(closed)).isTrue();
  }

  @Test
  void assetsAreInspectedInParallelAndTheirCompletionsJoinOneByOne() throws Exception {
    int port = listen();
    List<String> devices = List.of(network(port), network(port), network(port));
    ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("daily-inspection"));
    management.executeJob(management.createJobQuery().processInstanceId(run.getId()).singleResult().getId());

    List<Job> inspections = management.createJobQuery().processInstanceId(run.getId()).activityId("inspect-asset").list();
    assertThat(inspections).hasSize(3).allSatisfy(job -> assertThat(((JobEntity) job).isExclusive()).isFalse());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (Job job : inspections) {
        running.add(pool.submit(() -> {
          management.executeJob(job.getId());
          return null;
        }));
      }
      for (Future<Void> inspection : running) {
        inspection.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(management.createJobQuery().processInstanceId(run.getId()).activityId("asset-inspected").list())
        .hasSize(3).allSatisfy(job -> assertThat(((JobEntity) job).isExclusive()).isTrue());
    runJobs();

    assertThat(records.readings(runIdOf(run))).extracting(Reading::assetId).containsExactlyInAnyOrderElementsOf(devices);
    assertThat(ended(run)).isTrue();
  }

  @Test
  void aRepeatedFindingJournalsOnTheOpenTicketUntilItHasRecovered() throws IOException {
    int port = listen();
    stopListening(port);
    String switchId = network(port);

    String ticketId = ticketOfRun(inspect(Map.of()), switchId);
    String again = ticketOfRun(inspect(Map.of()), switchId);

    assertThat(again).isEqualTo(ticketId);
    assertThat(ticketsOf(switchId)).hasSize(1);
    assertThat(journal.entries(ticketId)).filteredOn(e -> e.kind().equals("INSPECTION_REPEATED")).singleElement()
        .extracting(JournalEntry::text).asString().contains("tcp/" + port).contains("Seen 2 times");

    listenOn(port);
    inspect(Map.of());
    inspect(Map.of());
    assertThat(journalKinds(tickets.find(ticketId).orElseThrow())).doesNotContain("INSPECTION_RECOVERED");
    inspect(Map.of());
    assertThat(journal.entries(ticketId)).filteredOn(e -> e.kind().equals("INSPECTION_RECOVERED")).singleElement()
        .extracting(JournalEntry::text).asString().contains("healthy in 3 consecutive inspections");

    stopListening(port);
    String afterRecovery = ticketOfRun(inspect(Map.of()), switchId);
    assertThat(afterRecovery).isNotEqualTo(ticketId);
    assertThat(ticketsOf(switchId)).hasSize(2);
  }

  @Test
  void aClosedTicketNoLongerCoversItsFindingTheNextAnomalyOpensANewOne() throws IOException {
    int port = listen();
    stopListening(port);
    String switchId = network(port);
    String ticketId = ticketOfRun(inspect(Map.of()), switchId);

    ProcessInstance request = runtime.createProcessInstanceQuery()
        .processInstanceId(tickets.find(ticketId).orElseThrow().processInstanceId()).singleResult();
    handleUntilConfirmation(request);
    work("desk", request, "confirm", vars("satisfied", true, "satisfactionScore", 5, "feedback", "Port back"));
    assertThat(tickets.find(ticketId).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);

    String next = ticketOfRun(inspect(Map.of()), switchId);
    assertThat(next).isNotEqualTo(ticketId);
    assertThat(journalKinds(tickets.find(ticketId).orElseThrow())).doesNotContain("INSPECTION_REPEATED");
  }

  @Test
  void aWorseRepeatRaisesTheSeverityOnTheOpenTicket() throws IOException {
    settings.setSlowConnect(Duration.ZERO); // every answer is "slow": a WARNING
    int port = listen();
    String switchId = network(port);
    String ticketId = ticketOfRun(inspect(Map.of()), switchId);
    assertThat(tickets.find(ticketId).orElseThrow().urgency()).isEqualTo("MEDIUM");

    stopListening(port);
    assertThat(ticketOfRun(inspect(Map.of()), switchId)).isEqualTo(ticketId);

    assertThat(journal.entries(ticketId)).filteredOn(e -> e.kind().equals("INSPECTION_REPEATED")).singleElement()
        .extracting(JournalEntry::text).asString().contains("CRITICAL: connection refused")
        .contains("Severity raised from WARNING to CRITICAL");
  }

  @Test
  void aRetriedTicketStepOpensNoSecondTicket() throws IOException {
    int port = listen();
    stopListening(port);
    String switchId = network(port);
    ProcessInstance run = inspect(Map.of());
    String ticketId = ticketOfRun(run, switchId);

    // The step runs once more in the same run, as after a crash between its work and its commit.
    runtime.createProcessInstanceModification(run.getId()).startBeforeActivity("open-anomaly-tickets").execute();
    runJobs();

    assertThat(ticketsOf(switchId)).extracting(Ticket::ticketId).containsExactly(ticketId);
    assertThat(journalKinds(tickets.find(ticketId).orElseThrow())).doesNotContain("INSPECTION_REPEATED");
    assertThat(records.run(runIdOf(run)).orElseThrow().newTickets()).isEqualTo(1);
  }

  @Test
  void twoRunsOpeningTicketsAtOnceOpenOneTicketForTheSameFinding() throws Exception {
    int port = listen();
    stopListening(port);
    String switchId = network(port);
    ProcessInstance first = as("lead", () -> runtime.startProcessInstanceByKey("daily-inspection"));
    ProcessInstance second = as("lead", () -> runtime.startProcessInstanceByKey("daily-inspection"));
    runJobsBefore(first, "open-anomaly-tickets");
    runJobsBefore(second, "open-anomaly-tickets");

    // Both ticket steps at the same time, as on two nodes: the loser fails on the key and is retried.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Void>> steps = new ArrayList<>();
      for (ProcessInstance run : List.of(first, second)) {
        String jobId = management.createJobQuery().processInstanceId(run.getId()).activityId("open-anomaly-tickets")
            .singleResult().getId();
        steps.add(pool.submit(() -> {
          management.executeJob(jobId);
          return null;
        }));
      }
      for (Future<Void> step : steps) {
        try {
          step.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException lost) {
          // the retry below finishes it
        }
      }
    } finally {
      pool.shutdownNow();
    }
    clockAt(Instant.now().plus(Duration.ofMinutes(5)));
    runJobs();

    assertThat(ticketsOf(switchId)).hasSize(1);
    String ticketId = ticketsOf(switchId).get(0).ticketId();
    assertThat(ticketOfRun(first, switchId)).isEqualTo(ticketId);
    assertThat(ticketOfRun(second, switchId)).isEqualTo(ticketId);
  }

  @Test
  void newTicketsBeyondTheCapShareOneSummaryTicket() throws IOException {
    settings.setMaxNewTickets(2);
    int port = listen();
    stopListening(port);
    String prefix = "storm-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    for (int i = 1; i <= 4; i++) {
      inventory.save(new Asset(prefix + i, AssetType.NETWORK, "Rack " + i, "network-support", null, null, "127.0.0.1",
          List.of(port), null), "test");
    }

    ProcessInstance run = inspect(Map.of());

    List<Reading> readings = records.readings(runIdOf(run));
    assertThat(readings).hasSize(4).allSatisfy(r -> assertThat(r.ticketId()).isNotNull());
    assertThat(readings.stream().map(Reading::ticketId).distinct()).hasSize(3);
    assertThat(readings.get(2).ticketId()).isEqualTo(readings.get(3).ticketId());
    Ticket summary = tickets.find(readings.get(3).ticketId()).orElseThrow();
    assertThat(summary.subject()).contains("2 more assets");
    assertThat(summary.description()).contains(prefix + "3").contains(prefix + "4");
    assertThat(records.run(runIdOf(run)).orElseThrow().newTickets()).isEqualTo(3);
  }

  /**
   * The demo as a new user runs it: the shipped Redfish simulator's healthy and faulty server, and a
   * BMC that does not answer. The planted faults make exactly one hardware ticket naming each faulty
   * part, the dead BMC one monitoring-failure ticket, the healthy server none; the run ends by itself.
   */
  @Test
  void plantedFaultsOfTheSimulatedServersBecomeOneTicketEachAndADeadBmcAMonitoringFailure() throws IOException {
    TestAssets.configureCredentials(environment);
    int deadPort = listen();
    stopListening(deadPort);
    try (RedfishSimulator simulator = RedfishSimulator.http(
        new RedfishMockupHandler(RedfishSimulator.MOCKUPS, "inspector", "test-only-bmc-password"), 0)) {
      String base = "http://127.0.0.1:" + simulator.port() + "/";
      for (String server : List.of("srv-demo-01", "srv-demo-02")) {
        inventory.save(new Asset(server, AssetType.SERVER, "Demo rack", "hardware-support", base + server,
            TestAssets.REF, null, null, null), "test");
      }
      inventory.save(new Asset("srv-dead", AssetType.SERVER, "Room 1", "hardware-support", "http://127.0.0.1:" + deadPort,
          TestAssets.REF, null, null, null), "test");

      ProcessInstance run = inspect(Map.of());

      assertThat(ended(run)).as("run waits only for its review").isFalse();
      assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
      String runId = runIdOf(run);
      assertThat(readings(runId, "srv-demo-01")).as("healthy server's readings, all recorded")
          .hasSizeGreaterThan(10).allSatisfy(r -> assertThat(r.severity()).isEqualTo(Severity.OK));
      assertThat(ticketsOf("srv-demo-01")).isEmpty();

      assertThat(ticketsOf("srv-demo-02")).singleElement().satisfies(ticket -> {
        assertThat(ticket.channel()).isEqualTo("MONITORING");
        assertThat(ticket.category()).isEqualTo("HARDWARE");
        assertThat(ticket.subject()).startsWith("Inspection: srv-demo-02");
        assertThat(ticket.description()).contains("CPU1 Temp [TEMPERATURE] CRITICAL", "Fan 3 [FAN]", "Disk 1 [DRIVE]",
            "Volume 1 [VOLUME]");
      });
      assertThat(readings(runId, "srv-demo-02")).filteredOn(r -> r.severity() != Severity.OK)
          .allSatisfy(r -> assertThat(r.ticketId()).isEqualTo(ticketsOf("srv-demo-02").get(0).ticketId()));

      Reading bmc = readings(runId, "srv-dead").get(0);
      assertThat(readings(runId, "srv-dead")).as("a dead BMC's one reading").hasSize(1);
      assertThat(bmc.check()).isEqualTo("BMC");
      assertThat(bmc.severity()).isEqualTo(Severity.UNKNOWN);
      Ticket failure = tickets.find(bmc.ticketId()).orElseThrow();
      assertThat(failure.subject()).contains("monitoring failure");
      assertThat(failure.urgency()).isEqualTo("LOW");

      @SuppressWarnings("unchecked")
      Map<String, Object> health = rest.getForObject("/actuator/health", Map.class);
      assertThat(health).as("a dead BMC is its own health detail, the application stays UP").containsEntry("status", "UP")
          .extracting("components.inspection.status").isEqualTo("UNREACHABLE");

      Task review = openTask(run, "review-inspection");
      assertThat(taskService.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
          .containsExactly("hardware-support");
      assertThat((String) taskService.getVariable(review.getId(), "findingsSummary"))
          .contains("srv-demo-02 · CPU1 Temp", "srv-dead · BMC").doesNotContain("srv-demo-01");

      // The next day's run finds the same faults: no new ticket, a line in the open ones' journals.
      ProcessInstance again = inspect(Map.of());
      assertThat(ticketsOf("srv-demo-02")).hasSize(1);
      assertThat(ticketsOf("srv-dead")).hasSize(1);
      assertThat(readings(runIdOf(again), "srv-demo-02")).filteredOn(r -> r.severity() != Severity.OK)
          .allSatisfy(r -> assertThat(r.ticketId()).isEqualTo(ticketsOf("srv-demo-02").get(0).ticketId()));
    }
  }

  @Test
  void aStartNamingAssetsInspectsOnlyThoseAndUnknownIdsAreRefused() throws IOException {
    int port = listen();
    String named = network(port);
    String other = network(port);

    ProcessInstance run = inspect(Map.of("assetIds", List.of(named)));
    assertThat(records.readings(runIdOf(run))).extracting(Reading::assetId).containsExactly(named);
    ProcessInstance fromForm = inspect(Map.of("assetIds", named + ", " + other));
    assertThat(records.readings(runIdOf(fromForm))).extracting(Reading::assetId).containsExactlyInAnyOrder(named, other);

    long before = runtime.createProcessInstanceQuery().processDefinitionKey("daily-inspection").count();
    assertThatThrownBy(() -> inspect(Map.of("assetIds", List.of(named, "no-such-asset"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("assetIds").hasMessageContaining("no-such-asset");
    assertThatThrownBy(() -> inspect(Map.of("assetIds", "srv-01; DROP TABLE asset'")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("assetIds");
    assertThatThrownBy(() -> inspect(Map.of("assetIds", 42)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("assetIds");
    assertThatThrownBy(() -> inspect(Map.of("anomalyCount", 0)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("anomalyCount");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("daily-inspection").count()).isEqualTo(before);
  }

  @Test
  void theTimerStartsARunEveryDayAtHalfPastSeven() {
    Job timer = management.createJobQuery().processDefinitionKey("daily-inspection").timers().singleResult();
    assertThat(timer.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime()).isEqualTo(LocalTime.of(7, 30));

    long runs = history.createHistoricProcessInstanceQuery().processDefinitionKey("daily-inspection").count();
    management.executeJob(timer.getId());
    runJobs();

    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("daily-inspection").finished().count())
        .isGreaterThan(0);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("daily-inspection").count())
        .isEqualTo(runs + 1);
  }

  @Test
  void readingsExpireButTheRunRecordStays() throws IOException {
    String switchId = network(listen());
    String runId = runIdOf(inspect(Map.of()));

    clockAt(Instant.now().plus(Duration.ofDays(91)));
    cleanup.deleteOldReadings();

    assertThat(records.readings(runId)).isEmpty();
    assertThat(records.run(runId)).isPresent();
    assertThat(switchId).isNotNull();
  }

  private ProcessInstance inspect(Map<String, Object> variables) {
    ProcessInstance instance = as("lead", () -> runtime.startProcessInstanceByKey("daily-inspection", variables));
    runJobs();
    return instance;
  }

  /** Runs the instance's due jobs until only the one before {@code activityId} is left. */
  private void runJobsBefore(ProcessInstance instance, String activityId) {
    for (int round = 0; round < 20; round++) {
      List<String> stop = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list()
          .stream().map(Job::getId).toList();
      List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list().stream()
          .filter(job -> !stop.contains(job.getId())).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("Jobs keep coming before " + activityId);
  }

  private boolean ended(ProcessInstance instance) {
    return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
  }

  private String runIdOf(ProcessInstance instance) {
    return records.runOfInstance(instance.getId()).orElseThrow().runId();
  }

  private List<Reading> readings(String runId, String assetId) {
    return records.readings(runId).stream().filter(r -> r.assetId().equals(assetId)).toList();
  }

  private String ticketOfRun(ProcessInstance run, String assetId) {
    return readings(runIdOf(run), assetId).get(0).ticketId();
  }

  private List<Ticket> ticketsOf(String assetId) {
    return jdbc.queryForList("SELECT ticket_id FROM ticket WHERE asset_id = ?", String.class, assetId).stream()
        .map(id -> tickets.find(id).orElseThrow()).toList();
  }

  /** A network device in the inventory whose one port must answer. */
  private String network(int port) {
    String id = "sw-" + UUID.randomUUID().toString().substring(0, 8);
    inventory.save(new Asset(id, AssetType.NETWORK, "Rack 7", "network-support", null, null, "127.0.0.1",
        List.of(port), null), "test");
    return id;
  }

  private int listen() throws IOException {
    return listenOn(0);
  }

  private int listenOn(int port) throws IOException {
    ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    listening.add(socket);
    return socket.getLocalPort();
  }

  private void stopListening(int port) throws IOException {
    for (ServerSocket socket : listening) {
      if (socket.getLocalPort() == port) {
        socket.close();
      }
    }
  }
}
