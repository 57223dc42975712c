package io.opsdesk.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsdesk.backup.RestoreRecords.Line;
import io.opsdesk.backup.RestoreRecords.Restore;
import io.opsdesk.backup.RestoreRecords.Status;
import io.opsdesk.testsupport.DatabaseAvailability;
import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.assertj.core.api.Condition;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Process data-restore through the engine as its users work it, on the suite's database: backups
 * made by data-backup, restored into a new database (H2 file copy, or a new PostgreSQL database in
 * the postgres run) whose tables and rows are compared with the backup, and a switch-in of a scratch
 * target created here (an H2 file database, or a PostgreSQL database).
 */
class DataRestoreTest extends OpsDeskTest {

  private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  // Trust authentication ignores it; given so that a leak would show.
  private static final String PASSWORD = "Never-Shown-9x";

  @Autowired BackupSettings settings;
  @Autowired BackupRecords backups;
  @Autowired BackupTargets targets;
  @Autowired RestoreRecords restores;
  @Autowired SwitchIn switchIn;
  @Autowired RestoreIntoNew restoreIntoNew;

  @TempDir
  Path store;
  private Path configuredStore;
  private Path configuredRestores;
  private List<BackupSettings.Target> configuredTargets;
  private final List<String> pgDatabases = new ArrayList<>();

  @BeforeEach
  void ownStore() {
    configuredStore = settings.getStore();
    configuredRestores = settings.getRestores();
    configuredTargets = settings.getTargets();
    settings.setStore(store.resolve("backups"));
    settings.setRestores(store.resolve("restores"));
  }

  @AfterEach
  void configuredAgainAndDatabasesDropped() throws SQLException {
    settings.setStore(configuredStore);
    settings.setRestores(configuredRestores);
    settings.setTargets(configuredTargets);
    for (String database : pgDatabases) {
      pgAdmin("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    }
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void opsDesksOwnDatabaseIsRestoredIntoANewDatabaseWithTheBackupsRowsApprovedByASupervisorAndConfirmed() throws Exception {
    String runId = verifiedBackup(BackupTargets.OWN);
    ProcessInstance instance = request("tech", BackupTargets.OWN, "Tickets of yesterday were deleted by mistake");
    String restoreId = businessKey(instance);
    assertThat(restoreId).matches("RST-\\d{8}-\\d{4}(-\\d+)?");
    assertThat(runtime.getVariable(instance.getId(), "requester")).isEqualTo("tech");
    assertThat(runtime.getVariable(instance.getId(), "subject"))
        .isEqualTo("恢复 Restore opsdesk: Tickets of yesterday were deleted by mistake");
    assertThat(runtime.getVariable(instance.getId(), ListVerifiedBackups.OPTIONS).toString())
        .contains("\"value\":\"" + runId + "\"").contains("\"label\":\"" + runId + " · ");
    assertThat(openTask(instance, "choose-backup").getAssignee()).isEqualTo("tech");

    work("tech", instance, "choose-backup", vars("backupRunId", runId, "restoreMode", "NEW"));
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroup("supervisors")
        .taskDefinitionKey("approve-restore").count()).isEqualTo(1);
    work("lead", instance, "approve-restore", vars("approved", true, "approvalReason", "The deletion is in ticket SR-1"));

    Restore restore = restores.find(restoreId).orElseThrow();
    assertThat(restore.status()).isEqualTo(Status.HANDED_OVER);
    assertThat(restore.approver()).isEqualTo("lead");
    String copy = restore.restoredTo();
    rememberPg(copy);
    BackupTarget own = targets.find(BackupTargets.OWN).orElseThrow();
    assertThat(copy).isNotEqualTo(own.url()).doesNotContain("?").doesNotContain(";");
    Manifest manifest = Manifest.readFor(Path.of(backups.find(runId, BackupTargets.OWN).orElseThrow().path()));
    assertThat(rowCounts(copy, own)).isEqualTo(manifest.rowCounts()).isNotEmpty();
    assertThat(runtime.getVariable(instance.getId(), "restoredTo")).isEqualTo(copy);

    // Run again as a retried job would: the copy is neither made again nor journaled twice.
    DelegateExecution again = mock(DelegateExecution.class);
    when(again.getVariable(RecordRestoreRequest.RESTORE_ID)).thenReturn(restoreId);
    int lines = restores.journal(restoreId).size();
    restoreIntoNew.execute(again);
    assertThat(restores.journal(restoreId)).hasSize(lines);
    assertThat(restores.find(restoreId).orElseThrow()).isEqualTo(restore);

    assertThat(openTask(instance, "confirm-restore").getAssignee()).isEqualTo("tech");
    work("tech", instance, "confirm-restore", vars("restoreCorrect", true, "confirmationNote", "Yesterday's tickets are there"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(endActivity(instance)).isEqualTo("restore-finished");
    assertThat(restores.find(restoreId).orElseThrow().status()).isEqualTo(Status.CONFIRMED);

    List<Line> journal = restores.journal(restoreId);
    assertThat(journal).extracting(Line::step).containsExactly("REQUESTED", "CHOSEN", "APPROVED", "RESTORED", "VERIFIED",
        "HANDED_OVER", "CONFIRMED");
    assertThat(journal).extracting(Line::actor).containsExactly("tech", "tech", "lead", "system", "system", "system", "tech");
    assertThat(journal.get(2).text()).contains("lead").contains("The deletion is in ticket SR-1");
    assertThat(journal.get(3).text()).contains(runId).contains(copy);
    assertThat(journal.get(4).text()).contains(manifest.rowCounts().size() + " tables");

    ResponseEntity<List> listed = rest.withBasicAuth("tech", "tech").getForEntity("/api/restores", List.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> first = (Map<String, Object>) listed.getBody().get(0);
    assertThat(first).containsEntry("restoreId", restoreId).containsEntry("status", "CONFIRMED")
        .containsEntry("requester", "tech").containsEntry("approver", "lead").containsEntry("restoredTo", copy)
        .containsEntry("backupRunId", runId).containsEntry("mode", "NEW");
    assertThat((List<Map<String, Object>>) first.get("journal")).extracting(line -> line.get("step"))
        .containsExactly("REQUESTED", "CHOSEN", "APPROVED", "RESTORED", "VERIFIED", "HANDED_OVER", "CONFIRMED");
  }

  @Test
  void aRefusedRestoreEndsWithTheReasonAndCreatesNoDatabase() throws Exception {
    String runId = verifiedBackup(BackupTargets.OWN);
    ProcessInstance instance = chosen("tech", BackupTargets.OWN, runId, "NEW");
    String restoreId = businessKey(instance);
    work("lead", instance, "approve-restore", vars("approved", false, "approvalReason", "Read it from the report instead"));

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(endActivity(instance)).isEqualTo("restore-refused");
    Restore restore = restores.find(restoreId).orElseThrow();
    assertThat(restore.status()).isEqualTo(Status.REFUSED);
    assertThat(restore.restoredTo()).isNull();
    assertThat(restores.journal(restoreId)).extracting(Line::step).containsExactly("REQUESTED", "CHOSEN", "REFUSED");
    assertThat(restores.journal(restoreId).get(2).text()).contains("Refused by lead").contains("Read it from the report instead");
    assertNoCopyOfOpsDesk(restoreId);
  }

  @Test
  void anArchiveChangedSinceItsBackupEndsTheRestoreAsFailedWithoutACopy() throws Exception {
    String runId = verifiedBackup(BackupTargets.OWN);
    ProcessInstance instance = chosen("tech", BackupTargets.OWN, runId, "NEW");
    String restoreId = businessKey(instance);
    Path archive = Path.of(backups.find(runId, BackupTargets.OWN).orElseThrow().path());
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(archive, bytes);
    work("lead", instance, "approve-restore", vars("approved", true, "approvalReason", "ok"));

    assertThat(endActivity(instance)).isEqualTo("restore-failed");
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    Restore restore = restores.find(restoreId).orElseThrow();
    assertThat(restore.status()).isEqualTo(Status.FAILED);
    assertThat(restore.restoredTo()).isNull();
    assertThat(restores.journal(restoreId)).extracting(Line::step).containsExactly("REQUESTED", "CHOSEN", "APPROVED", "FAILED");
    assertThat(restores.journal(restoreId).get(3).text()).contains("SHA-256");
    assertNoCopyOfOpsDesk(restoreId);
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void theRequesterCannotApproveTheirOwnRestore() throws Exception {
    String runId = verifiedBackup(BackupTargets.OWN);
    ProcessInstance instance = chosen("lead", BackupTargets.OWN, runId, "NEW");

    assertThat(refusal(() -> work("lead", instance, "approve-restore", vars("approved", true, "approvalReason", "mine")))
        .getErrors()).containsOnlyKeys("approved").hasValueSatisfying(new Condition<>(
            why -> why.contains("four eyes"), "four eyes"));
    assertThat(openTask(instance, "approve-restore")).isNotNull();

    // The same through the engine REST API, as Tasklist sends it: 400 naming the field.
    ResponseEntity<Map> answer = rest.withBasicAuth("lead", "lead").postForEntity("/engine-rest/task/"
        + openTask(instance, "approve-restore").getId() + "/complete", Map.of("variables", Map.of(
            "approved", Map.of("value", true), "approvalReason", Map.of("value", "mine"))), Map.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, Object>) answer.getBody().get("errors")).containsOnlyKeys("approved");
    assertThat(restores.find(businessKey(instance)).orElseThrow().status()).isEqualTo(Status.CHOSEN);
    runtime.deleteProcessInstance(instance.getId(), "test over");
  }

  @Test
  void theChoiceMustBeAVerifiedBackupOfThatTargetAndOpsDeskIsNeverSwitchedIn() throws Exception {
    // The other target's run first: a later run's retention may prune this one, when rows other tests left
    // in the shared database are newer on the same day (seen when the suite ran across midnight).
    String otherRun = verifiedBackup(scratchTarget().getName());
    String runId = verifiedBackup(BackupTargets.OWN);
    ProcessInstance instance = request("tech", BackupTargets.OWN, "Restore check");
    Task choose = openTask(instance, "choose-backup");

    for (String wrong : List.of(otherRun, "BAK-19990101-0100")) {
      assertThat(refusal(() -> complete("tech", choose, vars("backupRunId", wrong, "restoreMode", "NEW"))).getErrors())
          .containsOnlyKeys("backupRunId").containsValue("is not one of the verified backups of opsdesk (" + wrong + ")");
    }
    assertThat(refusal(() -> complete("tech", choose, vars("backupRunId", runId, "restoreMode", "SWITCH_IN"))).getErrors())
        .containsOnlyKeys("restoreMode").hasValueSatisfying(new Condition<>(
            why -> why.contains("switch the copy in by hand with OpsDesk stopped"), "by hand"));
    assertThat(refusal(() -> complete("tech", choose, vars("backupRunId", runId, "restoreMode", "OVERWRITE"))).getErrors())
        .containsOnlyKeys("restoreMode");
    assertThat(refusal(() -> complete("tech", choose, vars("backupRunId", runId, "restoreMode", "NEW",
        "restoredTo", "jdbc:postgresql://elsewhere/db"))).getErrors()).containsOnlyKeys("restoredTo");
    assertThat(restores.journal(businessKey(instance))).extracting(Line::step).containsExactly("REQUESTED");
    runtime.deleteProcessInstance(instance.getId(), "test over");
  }

  @Test
  void aStartIsRefusedNamingEachBadVariableAndOnlyDataSupportAndSupervisorsMayAsk() throws Exception {
    verifiedBackup(BackupTargets.OWN);
    long before = restores.latest(1000).size();
    assertThatThrownBy(() -> as("tech", () -> runtime.startProcessInstanceByKey("data-restore",
        Map.of("target", "opsdesk", "restoreReason", "x", "restoreId", "RST-1"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("restoreId");
    assertThatThrownBy(() -> as("tech", () -> runtime.startProcessInstanceByKey("data-restore", Map.of("target", "nosuch"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("target names no configured target")
        .hasMessageContaining("restoreReason is required");
    assertThatThrownBy(() -> as("tech", () -> runtime.startProcessInstanceByKey("data-restore",
        Map.of("target", "opsdesk", "restoreReason", "x", "requester", "lead"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("requester");
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("data-restore", Map.of("target", "opsdesk", "restoreReason", "x")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("requester");
    for (String user : List.of("alice", "desk")) {
      assertThatThrownBy(() -> request(user, "opsdesk", "x")).as(user).isInstanceOf(AuthorizationException.class);
    }
    assertThat(restores.latest(1000)).hasSize((int) before);
    assertThat(engine.getFormService().getStartFormData(engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("data-restore").latestVersion().singleResult().getId()).getCamundaFormRef().getKey())
        .isEqualTo("data-restore-start");

    for (String user : List.of("tech", "lead", "admin")) {
      assertThat(rest.withBasicAuth(user, user).getForEntity("/api/restores", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.OK);
    }
    for (String user : List.of("alice", "desk", "expert")) {
      assertThat(rest.withBasicAuth(user, user).getForEntity("/api/restores", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(rest.getForEntity("/api/restores", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aSwitchInPutsTheBackupInPlaceOfTheLiveDatabaseAndKeepsTheLiveOneAside() throws Exception {
    BackupSettings.Target scratch = scratchTarget();
    String runId = verifiedBackup(scratch.getName());
    execute(scratch.getUrl(), "DELETE FROM asset WHERE id > 150");

    ProcessInstance instance = chosen("tech", scratch.getName(), runId, "SWITCH_IN");
    String restoreId = businessKey(instance);
    work("lead", instance, "approve-restore", vars("approved", true, "approvalReason", "Assets are needed today"));

    Restore restore = restores.find(restoreId).orElseThrow();
    rememberPg(restore.keptAs());
    assertThat(restore.status()).isEqualTo(Status.SWITCHED_IN);
    assertThat(restore.keptAs()).contains("_before_").doesNotContain(PASSWORD);
    assertThat(assets(scratch.getUrl())).isEqualTo(250);
    assertThat(assets(restore.keptAs())).isEqualTo(150);
    assertThat(runtime.getVariable(instance.getId(), "keptAs")).isEqualTo(restore.keptAs());

    // Run again as a retried job would: nothing is renamed twice.
    DelegateExecution again = mock(DelegateExecution.class);
    when(again.getVariable(RecordRestoreRequest.RESTORE_ID)).thenReturn(restoreId);
    switchIn.execute(again);
    assertThat(assets(scratch.getUrl())).isEqualTo(250);
    assertThat(assets(restore.keptAs())).isEqualTo(150);

    Task confirm = openTask(instance, "confirm-restore");
    assertThat(refusal(() -> complete("tech", confirm, vars("restoreCorrect", false))).getErrors())
        .containsOnlyKeys("confirmationNote");
    work("tech", instance, "confirm-restore", vars("restoreCorrect", false, "confirmationNote", "Asset 7 has an old name"));
    assertThat(restores.find(restoreId).orElseThrow().status()).isEqualTo(Status.PROBLEM);
    assertThat(restores.journal(restoreId)).extracting(Line::step).containsExactly("REQUESTED", "CHOSEN", "APPROVED",
        "RESTORED", "VERIFIED", "SWITCHED_IN", "PROBLEM");
    assertThat(restores.journal(restoreId).get(6).text()).contains("Asset 7 has an old name");
    assertThat(rest.withBasicAuth("lead", "lead").getForObject("/api/restores", String.class))
        .contains(restoreId).doesNotContain(PASSWORD);
  }

  /** A target of this run's kind made for the test: 250 assets, configured as "scratch". */
  private BackupSettings.Target scratchTarget() throws SQLException {
    BackupSettings.Target scratch = new BackupSettings.Target();
    scratch.setName("scratch");
    if (DatabaseAvailability.onPostgres()) {
      String database = "opsdesk_rst_src_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      pgAdmin("CREATE DATABASE " + database);
      pgDatabases.add(database);
      scratch.setUrl(PG_SERVER + database);
      scratch.setUsername("postgres");
    } else {
      scratch.setUrl("jdbc:h2:file:" + store.resolve("live").resolve("scratch"));
      scratch.setUsername("sa");
    }
    scratch.setPassword(PASSWORD);
    try (Connection c = connect(scratch.getUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE asset (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)");
      for (int id = 1; id <= 250; id++) {
        s.execute("INSERT INTO asset VALUES (" + id + ", 'server-" + id + "')");
      }
    }
    settings.setTargets(List.of(scratch));
    return scratch;
  }

  /** Neither an H2 copy nor a PostgreSQL database of the restore exists. */
  private void assertNoCopyOfOpsDesk(String restoreId) throws SQLException {
    assertThat(store.resolve("restores")).doesNotExist();
    if (DatabaseAvailability.onPostgres()) {
      BackupTarget own = targets.find(BackupTargets.OWN).orElseThrow();
      String copy = PostgresBackup.besideName(PostgresBackup.Address.of(own.url()).database(), "restore", restoreId);
      assertThat(pgDatabaseExists(copy)).isFalse();
    }
  }

  private String verifiedBackup(String target) {
    ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("data-backup", Map.of("targets", target)));
    runJobs();
    String runId = businessKey(run);
    assertThat(backups.find(runId, target).orElseThrow().verified()).as("backup of " + target).isTrue();
    return runId;
  }

  private ProcessInstance request(String user, String target, String reason) {
    ProcessInstance instance = as(user, () -> runtime.startProcessInstanceByKey("data-restore",
        Map.of("target", target, "restoreReason", reason)));
    runJobs();
    return instance;
  }

  /** A request by {@code requester} whose backup and mode are chosen: it waits for approval. */
  private ProcessInstance chosen(String requester, String target, String runId, String mode) {
    ProcessInstance instance = request(requester, target, "Restore of " + target + " to " + runId);
    work(requester, instance, "choose-backup", vars("backupRunId", runId, "restoreMode", mode));
    return instance;
  }

  private void complete(String user, Task task, Map<String, Object> values) {
    as(user, () -> {
      taskService.complete(task.getId(), values);
      return null;
    });
  }

  /** The refusal a call ends in, as the engine REST API finds it (a task listener's comes wrapped by the engine). */
  private static InvalidInputException refusal(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException refused) {
        return refused;
      }
    }
    throw new AssertionError("Not refused with InvalidInputException: " + thrown, thrown);
  }

  private String businessKey(ProcessInstance instance) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getBusinessKey();
  }

  private String endActivity(ProcessInstance instance) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getEndActivityId();
  }

  private void rememberPg(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      pgDatabases.add(PostgresBackup.Address.of(url).database());
    }
  }

  private static Map<String, Long> rowCounts(String url, BackupTarget credentials) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, credentials.username(), credentials.password())) {
      return RowCounts.of(c);
    }
  }

  private static int assets(String url) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM asset")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Connection connect(String url) throws SQLException {
    return url.startsWith("jdbc:postgresql:") ? DriverManager.getConnection(url, "postgres", "")
        : DriverManager.getConnection(url, "sa", PASSWORD);
  }

  private static void pgAdmin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static boolean pgDatabaseExists(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_database WHERE datname = '" + name + "'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }
}
