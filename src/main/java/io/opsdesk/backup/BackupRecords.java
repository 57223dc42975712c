package io.opsdesk.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  public record Backup(String runId, String target, String processInstanceId, Status status, Instant startedAt,
      Instant claimedUntil, Instant finishedAt, String path, Long sizeBytes, String sha256, boolean verified,
      Instant verifiedAt, String error, Instant prunedAt) {

    /** Whether the archive should still be in the store (it was written and retention has not deleted it). */
    public boolean archived() {
      return path != null && prunedAt == null;
    }

    /** Whether it can be restored from: written completely and passed its test restore. */
    public boolean restorable() {
      return verified && status == Status.SUCCEEDED;
    }
  }

  /** Finished backups of a period: how many, and how many of them succeeded and passed their test restore. */
  public record Tally(long finished, long verified) {

    /** verified ÷ finished, null when nothing finished. */
    public Double rate() {
      return finished == 0 ? null : (double) verified / finished;
    }
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

  /** Every row of {@code target}, newest first. */
  public List<Backup> ofTarget(String target) {
    return jdbc.query("SELECT * FROM backup WHERE target = :target ORDER BY started_at DESC, run_id DESC",
        Map.of("target", target), BackupRecords::backup);
  }

  /** The newest verified backup of {@code target} whose archive is still in the store. */
  public Optional<Backup> newestVerified(String target) {
    return jdbc.query("SELECT * FROM backup WHERE target = :target AND verified = TRUE AND status = 'SUCCEEDED' "
        + "AND pruned_at IS NULL ORDER BY finished_at DESC, run_id DESC LIMIT 1", Map.of("target", target),
        BackupRecords::backup).stream().findFirst();
  }

  /** When the newest successful dump of {@code target} started (verified or still waiting for its test restore). */
  public Optional<Instant> lastSucceeded(String target) {
    return jdbc.query("SELECT MAX(started_at) AS at FROM backup WHERE target = :target AND status = 'SUCCEEDED'",
        Map.of("target", target), (rs, row) -> instant(rs, "at")).stream().filter(Objects::nonNull).findFirst();
  }

  /** When {@code target} was first tried: its first backup is overdue max-age after that. */
  public Optional<Instant> firstAttempt(String target) {
    return jdbc.query("SELECT MIN(started_at) AS at FROM backup WHERE target = :target", Map.of("target", target),
        (rs, row) -> instant(rs, "at")).stream().filter(Objects::nonNull).findFirst();
  }

  public Tally tally(String target, Instant since) {
    return jdbc.queryForObject("""
        SELECT COUNT(*) AS finished, COALESCE(SUM(CASE WHEN status = 'SUCCEEDED' AND verified THEN 1 ELSE 0 END), 0) AS ok
        FROM backup WHERE target = :target AND status <> 'RUNNING' AND started_at >= :since""",
        new MapSqlParameterSource().addValue("target", target).addValue("since", utc(since)),
        (rs, row) -> new Tally(rs.getLong("finished"), rs.getLong("ok")));
  }

  /** Dumps still RUNNING whose claim ran out: their holder died, or waits for a retry of its job. */
  List<Backup> expiredClaims(Instant now) {
    return jdbc.query("SELECT * FROM backup WHERE status = 'RUNNING' AND claimed_until < :now ORDER BY run_id, target",
        Map.of("now", utc(now)), BackupRecords::backup);
  }

  /** Whether a dump of (run, target) holds a claim that has not run out: its partial file is being written. */
  boolean liveClaim(String runId, String target, Instant now) {
    return !jdbc.queryForList("SELECT run_id FROM backup WHERE run_id = :run AND target = :target AND status = 'RUNNING' "
        + "AND claimed_until >= :now", new MapSqlParameterSource().addValue("run", runId).addValue("target", target)
        .addValue("now", utc(now)), String.class).isEmpty();
  }

  /** Ends a dump whose process is gone; only while its claim is still the expired one that was found. */
  void interrupted(String runId, String target, String error, Instant now) {
    own.executeWithoutResult(tx -> jdbc.update("""
        UPDATE backup SET status = 'FAILED', finished_at = :now, claimed_until = NULL, error = :error
        WHERE run_id = :run AND target = :target AND status = 'RUNNING' AND claimed_until < :now""",
        new MapSqlParameterSource().addValue("run", runId).addValue("target", target).addValue("now", utc(now))
        .addValue("error", cut(error))));
  }

  /** Retention deleted the archive: the row stays for the history. */
  void pruned(String runId, String target, Instant at) {
    own.executeWithoutResult(tx -> jdbc.update("UPDATE backup SET pruned_at = :at WHERE run_id = :run AND target = :target "
        + "AND pruned_at IS NULL", new MapSqlParameterSource().addValue("run", runId).addValue("target", target)
        .addValue("at", utc(at))));
  }

  /** The target's backups that passed their test restore and are still in the store, newest first. */
  public List<Backup> verified(String target) {
    return jdbc.query("SELECT * FROM backup WHERE target = :target AND status = 'SUCCEEDED' AND verified "
        + "AND pruned_at IS NULL "
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
    return new Backup(rs.getString("run_id"), rs.getString("target"), rs.getString("process_instance_id"),
        Status.valueOf(rs.getString("status")), instant(rs, "started_at"), instant(rs, "claimed_until"),
        instant(rs, "finished_at"), rs.getString("path"), sizeBytes, rs.getString("sha256"), rs.getBoolean("verified"),
        instant(rs, "verified_at"), rs.getString("error"), instant(rs, "pruned_at"));
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
