package io.opsdesk.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedule, retention, repair and freshness of process data-backup through the engine, on the suite's
 * database (H2 in the default run, PostgreSQL with pg_dump in the postgres run). Each test backs up a
 * target of its own (OpsDesk's own database under another name), so that the rows other tests leave do
 * not count.
 */
class BackupRetentionTest extends OpsDeskTest {

  @Autowired BackupSettings settings;
  @Autowired BackupRecords records;
  @Autowired Environment environment;

  @TempDir
  Path store;
  private Path configuredStore;
  private List<BackupSettings.Target> configuredTargets;
  private final String suffix = Long.toString(System.nanoTime(), 36);

  @BeforeEach
  void ownStore() {
    configuredStore = settings.getStore();
    configuredTargets = settings.getTargets();
    settings.setStore(store);
  }

  @AfterEach
  void configuredSettingsAgain() {
    settings.setStore(configuredStore);
    settings.setTargets(configuredTargets);
  }

  @Test
  void retentionKeepsExactlyTheExpectedFilesAndMarksThePrunedRows() throws Exception {
    String name = "kept-" + suffix;
    BackupSettings.Target target = ownDatabaseAs(name);
    target.setKeepDaily(2);
    target.setKeepWeekly(0);
    target.setKeepMonthly(0);
    settings.setTargets(List.of(target));
    Instant now = EngineClock.now();
    String yesterday = fabricated(name, "Y", now.minus(Duration.ofDays(1)), "ok");
    String twoDaysAgo = fabricated(name, "D2", now.minus(Duration.ofDays(2)), "ok");
    String failedVerification = fabricated(name, "D3", now.minus(Duration.ofDays(3)), "bad");
    String neverVerified = fabricated(name, "D4", now.minus(Duration.ofDays(4)), "new");

    String runId = backUp(name);

    BackupRecords.Backup current = records.find(runId, name).orElseThrow();
    assertThat(current.verified()).isTrue();
    String archive = Path.of(current.path()).getFileName().toString();
    try (Stream<Path> files = Files.list(store.resolve(name))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(archive,
          runId + ".manifest.json", yesterday + ".dump", yesterday + ".manifest.json");
    }
    assertThat(records.find(yesterday, name).orElseThrow().prunedAt()).isNull();
    for (String pruned : List.of(twoDaysAgo, failedVerification, neverVerified)) {
      assertThat(records.find(pruned, name).orElseThrow().prunedAt()).as(pruned).isNotNull();
    }
    assertThat(current.prunedAt()).isNull();
    String listed = rest.withBasicAuth("lead", "lead").getForObject("/api/backups", String.class);
    assertThat(listed).contains(twoDaysAgo).contains("\"prunedAt\"");
  }

  @Test
  void aDumpKilledMidWayIsRepairedByTheNextRunButALiveOneIsLeftAlone() throws Exception {
    String name = "killed-" + suffix;
    settings.setTargets(List.of(ownDatabaseAs(name)));
    Instant now = EngineClock.now();
    String killed = "BAK-KILLED-" + suffix;
    String live = "BAK-LIVE-" + suffix;
    jdbc.update("INSERT INTO backup (run_id, target, process_instance_id, status, started_at, claimed_until) "
        + "VALUES (?, ?, ?, 'RUNNING', ?, ?)", killed, name, "no-such-instance", at(now.minus(Duration.ofHours(3))),
        at(now.minus(Duration.ofMinutes(1))));
    jdbc.update("INSERT INTO backup (run_id, target, process_instance_id, status, started_at, claimed_until) "
        + "VALUES (?, ?, ?, 'RUNNING', ?, ?)", live, name, "another-node", at(now), at(now.plus(Duration.ofHours(2))));
    Path folder = Files.createDirectories(store.resolve(name));
    Path killedPartial = Files.writeString(folder.resolve(killed + ".dump.partial"), "half a dump");
    Path livePartial = Files.writeString(folder.resolve(live + ".dump.partial"), "a dump under way");
    try {
      String runId = backUp(name);

      BackupRecords.Backup repaired = records.find(killed, name).orElseThrow();
      assertThat(repaired.status()).isEqualTo(BackupRecords.Status.FAILED);
      assertThat(repaired.error()).startsWith("Interrupted").contains(runId);
      assertThat(repaired.finishedAt()).isNotNull();
      assertThat(killedPartial).doesNotExist();
      assertThat(records.find(live, name).orElseThrow().status()).isEqualTo(BackupRecords.Status.RUNNING);
      assertThat(livePartial).exists();
      assertThat(records.find(runId, name).orElseThrow().verified()).isTrue();
    } finally {
      jdbc.update("DELETE FROM backup WHERE run_id = ?", live);
    }
  }

  @Test
  void aStaleTargetShowsInHealthAndTheTargetReportOpensOneDataTicketAndAVerifiedBackupRecovers() {
    String name = "fresh-" + suffix;
    BackupSettings.Target target = ownDatabaseAs(name);
    target.setEvery(Duration.ofHours(1));
    target.setMaxAge(Duration.ofHours(2));
    settings.setTargets(List.of(target));
    String first = backUp(name);
    Map<?, ?> report = targetReport(name);
    assertThat(report.get("fresh")).isEqualTo(true);
    assertThat(report.get("maxAge")).isEqualTo("PT2H");
    assertThat(report.get("kind")).isIn("H2", "POSTGRESQL");
    assertThat(((Map<?, ?>) report.get("newestVerified")).get("runId")).isEqualTo(first);
    assertThat(report.get("successRate")).isEqualTo(1.0);
    assertThat(report.get("openTicketId")).isNull();

    // Three hours without a backup of a target that may be two hours old at most; no run has happened.
    ClockUtil.setCurrentTime(Date.from(EngineClock.now().plus(Duration.ofHours(3))));
    assertThat(targetReport(name).get("fresh")).isEqualTo(false);
    Map<?, ?> health = rest.getForObject("/actuator/health", Map.class);
    assertThat(health.get("status")).isEqualTo("UP");
    assertThat(((Map<?, ?>) ((Map<?, ?>) health.get("components")).get("backup")).get("status")).isEqualTo("STALE");

    // The next run (of another target) finds it stale and opens one DATA ticket.
    String second = backUp(BackupTargets.OWN);
    List<String> opened = jdbc.queryForList("SELECT ticket_id FROM ticket WHERE asset_id = ?", String.class, name);
    assertThat(opened).hasSize(1);
    Ticket ticket = tickets.find(opened.get(0)).orElseThrow();
    assertThat(ticket.category()).isEqualTo("DATA");
    assertThat(ticket.channel()).isEqualTo("MONITORING");
    assertThat(ticket.description()).contains(second).contains(first).contains("max-age");
    assertThat(targetReport(name).get("openTicketId")).isEqualTo(ticket.ticketId());

    // A verified backup of the target recovers it: journalled, and the target is free for a new ticket.
    String third = backUp(name);
    assertThat(journal.entries(ticket.ticketId())).anySatisfy(entry -> {
      assertThat(entry.kind()).isEqualTo("BACKUP_RECOVERED");
      assertThat(entry.text()).contains(third);
    });
    assertThat(targetReport(name).get("openTicketId")).isNull();
    assertThat(targetReport(name).get("fresh")).isEqualTo(true);
    assertThat(jdbc.queryForList("SELECT ticket_id FROM ticket WHERE asset_id = ?", String.class, name)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTimerBacksUpOnlyTheTargetsDueByTheirOwnSchedule() {
    BackupSettings.Target due = ownDatabaseAs("weekly-due-" + suffix);
    due.setEvery(Duration.ofDays(7));
    BackupSettings.Target notDue = ownDatabaseAs("weekly-not-" + suffix);
    notDue.setEvery(Duration.ofDays(7));
    BackupSettings.Target daily = ownDatabaseAs("daily-" + suffix);
    settings.setTargets(List.of(due, notDue, daily));
    Instant now = EngineClock.now();
    succeededWithoutArchive(due.getName(), now.minus(Duration.ofDays(7)));
    succeededWithoutArchive(notDue.getName(), now.minus(Duration.ofDays(2)));
    succeededWithoutArchive(daily.getName(), now.minus(Duration.ofHours(20)));
    succeededWithoutArchive(BackupTargets.OWN, now.minus(Duration.ofHours(1)));

    List<String> before = runtime.createProcessInstanceQuery().processDefinitionKey("data-backup").list().stream()
        .map(ProcessInstance::getId).toList();
    Job timer = management.createJobQuery().processDefinitionKey("data-backup").timers().singleResult();
    management.executeJob(timer.getId());
    ProcessInstance run = runtime.createProcessInstanceQuery().processDefinitionKey("data-backup").list().stream()
        .filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    try {
      assertThat((List<String>) runtime.getVariable(run.getId(), "targets"))
          .containsExactly(due.getName(), daily.getName());
    } finally {
      runtime.deleteProcessInstance(run.getId(), "test: only the selection matters");
    }

    // By hand, named targets are dumped whatever their schedule.
    ProcessInstance byHand = as("lead", () -> runtime.startProcessInstanceByKey("data-backup",
        Map.of("targets", notDue.getName())));
    try {
      assertThat((List<String>) runtime.getVariable(byHand.getId(), "targets")).containsExactly(notDue.getName());
    } finally {
      runtime.deleteProcessInstance(byHand.getId(), "test: only the selection matters");
    }
  }

  /** Starts a run by hand for {@code name} and runs its jobs only (the clock may have moved past other timers). */
  private String backUp(String name) {
    ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("data-backup", Map.of("targets", name)));
    String runId = runtime.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    for (int round = 0; round < 50; round++) {
      List<Job> due = management.createJobQuery().processInstanceId(run.getId()).executable().list();
      if (due.isEmpty()) {
        break;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
    return runId;
  }

  private BackupSettings.Target ownDatabaseAs(String name) {
    BackupSettings.Target target = new BackupSettings.Target();
    target.setName(name);
    target.setUrl(environment.getRequiredProperty("spring.datasource.url"));
    target.setUsername(environment.getProperty("spring.datasource.username", ""));
    target.setPassword(environment.getProperty("spring.datasource.password", ""));
    return target;
  }

  /** An earlier run's backup with files in the store: ok = verified, bad = failed verification, new = unverified. */
  private String fabricated(String target, String tag, Instant startedAt, String state) throws Exception {
    String runId = "BAK-" + tag + "-" + suffix;
    Path folder = Files.createDirectories(store.resolve(target));
    Path archive = Files.writeString(folder.resolve(runId + ".dump"), "archive " + runId);
    Files.writeString(folder.resolve(runId + ".manifest.json"), "{}");
    jdbc.update("INSERT INTO backup (run_id, target, process_instance_id, status, started_at, finished_at, path, "
        + "size_bytes, sha256, verified, verified_at, error) VALUES (?, ?, NULL, ?, ?, ?, ?, 1, 'ab', ?, ?, ?)", runId,
        target, state.equals("bad") ? "FAILED" : "SUCCEEDED", at(startedAt), at(startedAt.plusSeconds(60)),
        archive.toString(), state.equals("ok"), state.equals("new") ? null : at(startedAt.plusSeconds(120)),
        state.equals("bad") ? "Verification failed: test" : null);
    return runId;
  }

  private void succeededWithoutArchive(String target, Instant startedAt) {
    jdbc.update("INSERT INTO backup (run_id, target, status, started_at, finished_at, verified) "
        + "VALUES (?, ?, 'SUCCEEDED', ?, ?, FALSE)", "BAK-PAST-" + suffix + "-" + target.hashCode(), target,
        at(startedAt), at(startedAt.plusSeconds(60)));
  }

  private static java.time.OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  @SuppressWarnings("rawtypes")
  private Map<?, ?> targetReport(String name) {
    List listed = rest.withBasicAuth("lead", "lead").getForObject("/api/backups/targets", List.class);
    return (Map<?, ?>) new ArrayList<Object>(listed).stream().filter(t -> name.equals(((Map) t).get("target")))
        .findFirst().orElseThrow();
  }
}
