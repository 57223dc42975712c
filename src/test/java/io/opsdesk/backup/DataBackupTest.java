package io.opsdesk.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Process data-backup through the engine, on the suite's database: H2 in memory (SCRIPT) in the
 * default run, PostgreSQL (pg_dump, test restore into a scratch database) in the postgres run.
 */
class DataBackupTest extends OpsDeskTest {

  @Autowired BackupSettings settings;
  @Autowired BackupRecords records;
  @Autowired BackUpTarget backUpTarget;
  @Autowired ReportBackupProblems reportBackupProblems;

  @TempDir
  Path store;
  private Path configuredStore;

  @BeforeEach
  void ownStore() {
    configuredStore = settings.getStore();
    settings.setStore(store);
  }

  @AfterEach
  void configuredStoreAgain() {
    settings.setStore(configuredStore);
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void aSupervisorStartsABackupByHandThatDumpsAndVerifiesOpsDesksOwnDatabase() throws Exception {
    ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("data-backup"));
    String runId = runtime.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    assertThat(runId).matches("BAK-\\d{8}-\\d{4}(-\\d+)?");
    runJobs();

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
    BackupRecords.Backup backup = records.find(runId, BackupTargets.OWN).orElseThrow();
    assertThat(backup.status()).isEqualTo(BackupRecords.Status.SUCCEEDED);
    assertThat(backup.verified()).isTrue();
    assertThat(backup.verifiedAt()).isNotNull();
    Path archive = Path.of(backup.path());
    assertThat(archive).isAbsolute().startsWith(store.resolve("opsdesk")).exists();
    assertThat(backup.sha256()).isEqualTo(Checksums.sha256(archive));
    assertThat(backup.sizeBytes()).isEqualTo(Files.size(archive));
    assertThat(Manifest.readFor(archive).rowCounts()).isNotEmpty();

    ResponseEntity<List> listed = rest.withBasicAuth("lead", "lead").getForEntity("/api/backups", List.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> newest = (Map<String, Object>) listed.getBody().stream()
        .filter(b -> runId.equals(((Map) b).get("runId"))).findFirst().orElseThrow();
    assertThat(newest).containsEntry("runId", runId).containsEntry("target", "opsdesk")
        .containsEntry("status", "SUCCEEDED").containsEntry("path", archive.toString())
        .containsEntry("sha256", backup.sha256()).containsEntry("verified", true)
        .containsKeys("startedAt", "finishedAt", "sizeBytes");
    assertThat(((Number) newest.get("sizeBytes")).longValue()).isEqualTo(Files.size(archive));
  }

  @Test
  void aRetriedStepFindsItsFinishedBackupAndDoesNothingAgain() throws Exception {
    ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("data-backup"));
    String runId = runtime.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    management.executeJob(job(run, "back-up-target").getId());
    BackupRecords.Backup first = records.find(runId, BackupTargets.OWN).orElseThrow();

    // As if the engine ran the step again after its job had been rolled back.
    DelegateExecution again = mock(DelegateExecution.class);
    when(again.getVariable(SelectBackupTargets.RUN_ID)).thenReturn(runId);
    when(again.getVariable(BackUpTarget.TARGET)).thenReturn(BackupTargets.OWN);
    backUpTarget.execute(again);
    assertThat(records.find(runId, BackupTargets.OWN).orElseThrow()).isEqualTo(first);
    runJobs();
  }

  @Test
  void aLiveClaimKeepsASecondAttemptFromDumpingAndAnExpiredOneIsTakenOver() throws Exception {
    String runId = "BAK-19990101-0100";
    java.time.Instant now = io.opsdesk.ticket.EngineClock.now();
    assertThat(records.claim(runId, BackupTargets.OWN, null, now, now.plusSeconds(3600))).isTrue();
    assertThat(records.claim(runId, BackupTargets.OWN, null, now.plusSeconds(60), now.plusSeconds(7200))).isFalse();

    DelegateExecution second = mock(DelegateExecution.class);
    when(second.getVariable(SelectBackupTargets.RUN_ID)).thenReturn(runId);
    when(second.getVariable(BackUpTarget.TARGET)).thenReturn(BackupTargets.OWN);
    assertThatThrownBy(() -> backUpTarget.execute(second)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("running in another job");
    assertThat(store.resolve("opsdesk")).doesNotExist();

    // The holder died mid-dump: once its claim has run out, the next attempt takes it over.
    assertThat(records.claim(runId, BackupTargets.OWN, null, now.plusSeconds(3601), now.plusSeconds(9000))).isTrue();
    records.release(runId, BackupTargets.OWN);
    assertThat(records.find(runId, BackupTargets.OWN)).isEmpty();
  }

  @Test
  void aCorruptedArchiveFailsVerificationWithoutAnIncident() throws Exception {
    ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("data-backup"));
    String runId = runtime.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    management.executeJob(job(run, "back-up-target").getId());
    Path archive = Path.of(records.find(runId, BackupTargets.OWN).orElseThrow().path());
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(archive, bytes);
    runJobs();

    BackupRecords.Backup backup = records.find(runId, BackupTargets.OWN).orElseThrow();
    assertThat(backup.status()).isEqualTo(BackupRecords.Status.FAILED);
    assertThat(backup.verified()).isFalse();
    assertThat(backup.error()).contains("SHA-256");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
  }

  @Test
  void aDatabaseThatDoesNotExistIsRecordedAsFailedWithoutItsPasswordAndTheRunEndsByItself() {
    BackupSettings.Target missing = new BackupSettings.Target();
    missing.setName("missing");
    missing.setUrl("jdbc:postgresql://127.0.0.1:5432/opsdesk_backup_no_such_db");
    missing.setUsername("postgres");
    missing.setPassword("Never-Shown-9x");
    List<BackupSettings.Target> configured = settings.getTargets();
    settings.setTargets(List.of(missing));
    try {
      ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("data-backup", Map.of("targets", "missing")));
      String runId = runtime.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
      runJobs();

      BackupRecords.Backup backup = records.find(runId, "missing").orElseThrow();
      assertThat(backup.status()).isEqualTo(BackupRecords.Status.FAILED);
      assertThat(backup.error()).contains("opsdesk_backup_no_such_db").contains("does not exist")
          .doesNotContain("Never-Shown-9x");
      assertThat(backup.verified()).isFalse();
      assertThat(backup.path()).isNull();
      assertThat(records.find(runId, BackupTargets.OWN)).isEmpty();
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
      assertThat(history.createHistoricIncidentQuery().processInstanceId(run.getId()).count()).isZero();
      assertThat(rest.withBasicAuth("desk", "desk").getForObject("/api/backups", String.class))
          .contains(runId).doesNotContain("Never-Shown-9x");

      // One DATA ticket for the target, through the monitoring channel, naming the run and the error.
      List<String> opened = jdbc.queryForList("SELECT ticket_id FROM ticket WHERE asset_id = 'missing'", String.class);
      assertThat(opened).hasSize(1);
      io.opsdesk.ticket.Ticket ticket = tickets.find(opened.get(0)).orElseThrow();
      assertThat(ticket.category()).isEqualTo("DATA");
      assertThat(ticket.channel()).isEqualTo("MONITORING");
      assertThat(ticket.description()).contains(runId).contains("missing").contains("does not exist")
          .doesNotContain("Never-Shown-9x");

      // A second failing run journals on the same ticket instead of opening another.
      ProcessInstance again = as("lead", () -> runtime.startProcessInstanceByKey("data-backup", Map.of("targets", "missing")));
      String againId = runtime.createProcessInstanceQuery().processInstanceId(again.getId()).singleResult().getBusinessKey();
      runJobs();
      assertThat(jdbc.queryForList("SELECT ticket_id FROM ticket WHERE asset_id = 'missing'", String.class))
          .containsExactly(ticket.ticketId());
      assertThat(journal.entries(ticket.ticketId())).anySatisfy(entry -> {
        assertThat(entry.actor()).isEqualTo("backup");
        assertThat(entry.kind()).isEqualTo("BACKUP_FAILED");
        assertThat(entry.text()).contains(againId).doesNotContain("Never-Shown-9x");
      });
      // The step run again for the same run (as after a retry) adds nothing.
      int lines = journal.entries(ticket.ticketId()).size();
      DelegateExecution retried = mock(DelegateExecution.class);
      when(retried.getVariable(SelectBackupTargets.RUN_ID)).thenReturn(againId);
      when(retried.getVariable(ValidateBackupStart.TARGETS)).thenReturn(List.of("missing"));
      when(retried.getVariable(CheckFreshness.STALE_TARGETS)).thenReturn(List.of());
      reportBackupProblems.execute(retried);
      assertThat(journal.entries(ticket.ticketId())).hasSize(lines);
      assertThat(jdbc.queryForList("SELECT ticket_id FROM ticket WHERE asset_id = 'missing'", String.class)).hasSize(1);

      Map<?, ?> target = targetReport("missing");
      assertThat(target.get("openTicketId")).isEqualTo(ticket.ticketId());
      assertThat(target.get("fresh")).isEqualTo(true);
      assertThat(target.get("newestVerified")).isNull();
      assertThat(target.get("successRate")).isEqualTo(0.0);
    } finally {
      settings.setTargets(configured);
    }
  }

  @Test
  void unknownStartVariablesAndTargetsAreRefusedNamingThem() {
    assertThatThrownBy(() -> as("lead", () -> runtime.startProcessInstanceByKey("data-backup",
        Map.of("runId", "../../etc"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("runId");
    assertThatThrownBy(() -> as("lead", () -> runtime.startProcessInstanceByKey("data-backup",
        Map.of("targets", "opsdesk, nosuch"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("targets").hasMessageContaining("nosuch");
    ProcessInstance named = as("lead", () -> runtime.startProcessInstanceByKey("data-backup", Map.of("targets", "opsdesk")));
    assertThat(runtime.getVariable(named.getId(), "targets")).isEqualTo(List.of("opsdesk"));
    runJobs();
  }

  @Test
  void onlySupervisorsStartItAndOnlyStaffReadTheRecord() {
    for (String user : List.of("tech", "desk", "alice")) {
      assertThatThrownBy(() -> as(user, () -> runtime.startProcessInstanceByKey("data-backup")))
          .as(user).isInstanceOf(AuthorizationException.class);
    }
    String formRef = engine.getFormService().getStartFormData(engine.getRepositoryService()
        .createProcessDefinitionQuery().processDefinitionKey("data-backup").latestVersion().singleResult().getId())
        .getCamundaFormRef().getKey();
    assertThat(formRef).isEqualTo("data-backup-start");
    for (String user : List.of("desk", "tech", "lead", "admin")) {
      assertThat(rest.withBasicAuth(user, user).getForEntity("/api/backups", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.OK);
    }
    assertThat(rest.withBasicAuth("alice", "alice").getForEntity("/api/backups", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/backups", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("desk", "desk").getForEntity("/api/backups/targets", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("alice", "alice").getForEntity("/api/backups/targets", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/backups/targets", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @SuppressWarnings("rawtypes")
  private Map<?, ?> targetReport(String name) {
    List listed = rest.withBasicAuth("lead", "lead").getForObject("/api/backups/targets", List.class);
    return (Map<?, ?>) listed.stream().filter(t -> name.equals(((Map) t).get("target"))).findFirst().orElseThrow();
  }

  private Job job(ProcessInstance run, String activityId) {
    return management.createJobQuery().processInstanceId(run.getId()).activityId(activityId).singleResult();
  }
}
