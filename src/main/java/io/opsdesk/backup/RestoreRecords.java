package io.opsdesk.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketJournal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tables restore_request and restore_journal (V9__restores.sql). Writes join the engine's
 * transaction: a refused task completion or a failed step leaves no line behind, and a retried step
 * writes its line once. Only {@link #noteNow} commits at once, for a failure whose job rolls back.
 */
@Repository
public class RestoreRecords {

  /** The actor of OpsDesk's own steps, the same as in ticket journals. */
  static final String SYSTEM = TicketJournal.SYSTEM;
  static final String VERIFIED = "VERIFIED";
  private static final int MAX_TEXT = 4000;

  /** Where a request stands; each step moves it on and writes a journal line named after it. */
  public enum Status { REQUESTED, CHOSEN, APPROVED, REFUSED, RESTORED, FAILED, HANDED_OVER, SWITCHED_IN, CONFIRMED, PROBLEM }

  public record Restore(String restoreId, String processInstanceId, String target, String requester, String reason,
      Instant requestedAt, Status status, String backupRunId, String mode, String approver, String restoredTo,
      String keptAs) {
  }

  public record Line(Instant at, String actor, String step, String text) {
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate own;

  public RestoreRecords(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  void requested(String restoreId, String processInstanceId, String target, String requester, String reason) {
    jdbc.update("""
        INSERT INTO restore_request (restore_id, process_instance_id, target, requester, reason, requested_at, status)
        VALUES (:id, :instance, :target, :requester, :reason, :at, 'REQUESTED')""", new MapSqlParameterSource()
        .addValue("id", restoreId).addValue("instance", processInstanceId).addValue("target", target)
        .addValue("requester", requester).addValue("reason", reason).addValue("at", BackupRecords.utc(EngineClock.now())));
    log(restoreId, requester, Status.REQUESTED, "Restore of " + target + " requested: " + reason);
  }

  void chosen(String restoreId, String actor, String backupRunId, String mode, String text) {
    update(restoreId, "backup_run_id = :run, restore_mode = :mode", Map.of("run", backupRunId, "mode", mode));
    advance(restoreId, actor, Status.CHOSEN, text);
  }

  void decided(String restoreId, String approver, boolean approved, String text) {
    update(restoreId, "approver = :approver", Map.of("approver", approver));
    advance(restoreId, approver, approved ? Status.APPROVED : Status.REFUSED, text);
  }

  /** The copy is at {@code restoredTo} and passed the comparison with the manifest: two journal lines. */
  void restored(String restoreId, String restoredTo, String restoredText, String verifiedText) {
    update(restoreId, "restored_to = :to", Map.of("to", restoredTo));
    advance(restoreId, SYSTEM, Status.RESTORED, restoredText);
    log(restoreId, SYSTEM, VERIFIED, verifiedText);
  }

  void switchedIn(String restoreId, String keptAs, String text) {
    update(restoreId, "kept_as = :kept", Map.of("kept", keptAs));
    advance(restoreId, SYSTEM, Status.SWITCHED_IN, text);
  }

  /** Moves the request to {@code status} with a journal line of that step. */
  void advance(String restoreId, String actor, Status status, String text) {
    update(restoreId, "status = :status", Map.of("status", status.name()));
    log(restoreId, actor, status, text);
  }

  /** A journal line committed at once, kept even when the step's job then rolls back and is retried. */
  void noteNow(String restoreId, String step, String text) {
    own.executeWithoutResult(tx -> log(restoreId, SYSTEM, step, text));
  }

  /** Who works a task: the signed-in caller, else (OpsDesk's own calls) its assignee, else {@value #SYSTEM}. */
  static String actor(DelegateTask task) {
    Authentication caller = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String actor = caller != null && caller.getUserId() != null ? caller.getUserId() : task.getAssignee();
    return actor == null ? SYSTEM : actor;
  }

  /** The request of this process instance, by the restore id the process itself set (never a caller's). */
  Restore of(DelegateExecution execution) {
    return find((String) execution.getVariable(RecordRestoreRequest.RESTORE_ID)).orElseThrow();
  }

  public Optional<Restore> find(String restoreId) {
    return jdbc.query("SELECT * FROM restore_request WHERE restore_id = :id", Map.of("id", restoreId),
        RestoreRecords::restore).stream().findFirst();
  }

  /** The latest requests, newest first. */
  public List<Restore> latest(int limit) {
    return jdbc.query("SELECT * FROM restore_request ORDER BY requested_at DESC, restore_id DESC LIMIT :limit",
        Map.of("limit", limit), RestoreRecords::restore);
  }

  /** The request's journal, in order. */
  public List<Line> journal(String restoreId) {
    return jdbc.query("SELECT * FROM restore_journal WHERE restore_id = :id ORDER BY id", Map.of("id", restoreId),
        (rs, row) -> new Line(BackupRecords.instant(rs, "logged_at"), rs.getString("actor"), rs.getString("step"), rs.getString("message")));
  }

  private void update(String restoreId, String assignments, Map<String, Object> values) {
    jdbc.update("UPDATE restore_request SET " + assignments + " WHERE restore_id = :id",
        new MapSqlParameterSource(values).addValue("id", restoreId));
  }

  private void log(String restoreId, String actor, Status status, String text) {
    log(restoreId, actor, status.name(), text);
  }

  private void log(String restoreId, String actor, String step, String text) {
    jdbc.update("""
        INSERT INTO restore_journal (restore_id, logged_at, actor, step, message)
        VALUES (:id, :at, :actor, :step, :text)""", new MapSqlParameterSource().addValue("id", restoreId)
        .addValue("at", BackupRecords.utc(EngineClock.now())).addValue("actor", actor).addValue("step", step)
        .addValue("text", text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…"));
  }

  private static Restore restore(ResultSet rs, int row) throws SQLException {
    return new Restore(rs.getString("restore_id"), rs.getString("process_instance_id"), rs.getString("target"),
        rs.getString("requester"), rs.getString("reason"), BackupRecords.instant(rs, "requested_at"),
        Status.valueOf(rs.getString("status")), rs.getString("backup_run_id"), rs.getString("restore_mode"),
        rs.getString("approver"), rs.getString("restored_to"), rs.getString("kept_as"));
  }
}
