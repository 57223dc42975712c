package io.opsdesk.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table backup (V7__backups.sql). Every write commits at once in a transaction of its own, not with
 * the engine's job: a dump can outlast the job's lock, and then the engine rolls the job back when it
 * ends (another executor took the job meanwhile); what the dump did must stay recorded so that the
 * retried step finds it and does nothing again.
 */
@Repository
public class BackupRecords {

  static final int MAX_ERROR = 4000;

  public enum Status { RUNNING, SUCCEEDED, FAILED }

  /** One target's backup in one run. */
  public record Backup(String runId, String target, Status status, Instant startedAt, Instant claimedUntil,
      Instant finishedAt, String path, Long sizeBytes, String sha256, boolean verified, Instant verifiedAt,
      String error) {
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate own;

  public BackupRecords(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public Optional<Backup> find(String runId, String target) {
    return jdbc.query("SELECT * FROM backup WHERE run_id = :run AND target = :target",
        Map.of("run", runId, "target", target), BackupRecords::backup).stream().findFirst();
  }

  /** Newest first; dumps still running are left out (they have no status of the API's yet). */
  public List<Backup> finished(int limit) {
    return jdbc.query("SELECT * FROM backup WHERE status <> 'RUNNING' ORDER BY started_at DESC, run_id DESC, target "
        + "LIMIT :limit", Map.of("limit", limit), BackupRecords::backup);
  }

  /** The target's backups that passed their test restore, newest first. */
  public List<Backup> verified(String target) {
    return jdbc.query("SELECT * FROM backup WHERE target = :target AND status = 'SUCCEEDED' AND verified "
        + "ORDER BY started_at DESC, run_id DESC", Map.of("target", target), BackupRecords::backup);
  }

  /**
   * Claims the dump of {@code target} in {@code runId} until {@code until}: true when this caller may
   * dump, false when another executor holds an unexpired claim or the row is finished. The primary
   * key makes one of two simultaneous claims fail.
   */
  boolean claim(String runId, String target, String processInstanceId, Instant now, Instant until) {
    return Boolean.TRUE.equals(own.execute(tx -> {
      MapSqlParameterSource row = new MapSqlParameterSource().addValue("run", runId).addValue("target", target)
          .addValue("instance", processInstanceId).addValue("now", utc(now)).addValue("until", utc(until));
      // Take over a claim whose holder died mid-dump (its time is up); a live claim is left alone.
      int taken = jdbc.update("UPDATE backup SET claimed_until = :until, started_at = :now WHERE run_id = :run "
          + "AND target = :target AND status = 'RUNNING' AND claimed_until < :now", row);
      if (taken > 0) {
        return true;
      }
      try {
        jdbc.update("""
            INSERT INTO backup (run_id, target, process_instance_id, status, started_at, claimed_until)
            VALUES (:run, :target, :instance, 'RUNNING', :now, :until)""", row);
        return true;
      } catch (DuplicateKeyException e) {
        // PostgreSQL aborts the transaction on the failed insert: end it without a commit.
        tx.setRollbackOnly();
        return false;
      }
    }));
  }

  /** Gives a claim back after an unexpected error, so that the retried step may dump at once. */
  void release(String runId, String target) {
    own.executeWithoutResult(tx -> jdbc.update("DELETE FROM backup WHERE run_id = :run AND target = :target "
        + "AND status = 'RUNNING'", Map.of("run", runId, "target", target)));
  }

  void succeeded(String runId, String target, Manifest manifest, String path, Instant at) {
    own.executeWithoutResult(tx -> jdbc.update("""
        UPDATE backup SET status = 'SUCCEEDED', finished_at = :at, claimed_until = NULL, path = :path,
          size_bytes = :size, sha256 = :sha WHERE run_id = :run AND target = :target""", new MapSqlParameterSource()
        .addValue("run", runId).addValue("target", target).addValue("at", utc(at)).addValue("path", path)
        .addValue("size", manifest.sizeBytes()).addValue("sha", manifest.sha256())));
  }

  void failed(String runId, String target, String error, Instant at) {
    own.executeWithoutResult(tx -> jdbc.update("""
        UPDATE backup SET status = 'FAILED', finished_at = :at, claimed_until = NULL, error = :error
        WHERE run_id = :run AND target = :target""", new MapSqlParameterSource().addValue("run", runId)
        .addValue("target", target).addValue("at", utc(at)).addValue("error", cut(error))));
  }

  /** The test restore's outcome; a failed one also makes the backup FAILED: it cannot be relied on. */
  void verified(String runId, String target, String error, Instant at) {
    own.executeWithoutResult(tx -> jdbc.update("""
        UPDATE backup SET verified = :ok, verified_at = :at, error = :error,
          status = CASE WHEN :ok THEN status ELSE 'FAILED' END
        WHERE run_id = :run AND target = :target""", new MapSqlParameterSource().addValue("run", runId)
        .addValue("target", target).addValue("ok", error == null).addValue("at", utc(at))
        .addValue("error", error == null ? null : cut("Verification failed: " + error))));
  }


  private static Backup backup(ResultSet rs, int row) throws SQLException {
    long size = rs.getLong("size_bytes");
    Long sizeBytes = rs.wasNull() ? null : size;
    return new Backup(rs.getString("run_id"), rs.getString("target"), Status.valueOf(rs.getString("status")),
        instant(rs, "started_at"), instant(rs, "claimed_until"), instant(rs, "finished_at"), rs.getString("path"),
        sizeBytes, rs.getString("sha256"), rs.getBoolean("verified"), instant(rs, "verified_at"), rs.getString("error"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  private static String cut(String text) {
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
  }
}
