package io.opsdesk.inspection.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables inspection_run, inspection_finding and inspection_open_ticket (V6__inspections.sql). Every
 * write joins the caller's transaction, i.e. the engine's job that runs the step.
 */
@Repository
public class InspectionRecords {

  static final int MAX_COMPONENT = 200;
  static final int MAX_READING = 1000;

  /** One run of daily-inspection. */
  public record Run(String runId, String processInstanceId, Instant startedAt, Instant finishedAt, int assets,
      int ok, int warning, int critical, int unknown, int newTickets, String reviewer, Instant reviewedAt,
      String remark) {
  }

  /** One stored reading. */
  public record Reading(long id, String runId, String assetId, String component, String check, Severity severity,
      String reading, String ticketId) {
  }

  /** A de-duplication entry: a ticket is open about this asset's component and check. */
  public record OpenTicket(String assetId, String component, String check, String ticketId, Severity severity,
      int seenCount, Instant firstSeenAt, Instant lastSeenAt, int healthyRuns, String lastRunId) {
  }

  private final NamedParameterJdbcTemplate jdbc;

  public InspectionRecords(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Run> runOfInstance(String processInstanceId) {
    return jdbc.query("SELECT * FROM inspection_run WHERE process_instance_id = :id", Map.of("id", processInstanceId),
        InspectionRecords::run).stream().findFirst();
  }

  public Optional<Run> run(String runId) {
    return jdbc.query("SELECT * FROM inspection_run WHERE run_id = :id", Map.of("id", runId), InspectionRecords::run)
        .stream().findFirst();
  }

  /** The newest runs first. */
  public List<Run> runs(int limit) {
    return jdbc.query("SELECT * FROM inspection_run ORDER BY started_at DESC, run_id DESC LIMIT :limit",
        Map.of("limit", limit), InspectionRecords::run);
  }

  /** The newest run that has finished, if any. */
  public Optional<Run> lastFinishedRun() {
    return jdbc.query("SELECT * FROM inspection_run WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, run_id DESC "
        + "LIMIT 1", Map.of(), InspectionRecords::run).stream().findFirst();
  }

  /** The assets of a run that could not be inspected (a reading of severity UNKNOWN), by id. */
  public List<String> uninspectableAssets(String runId) {
    return jdbc.queryForList("SELECT DISTINCT asset_id FROM inspection_finding WHERE run_id = :run AND severity = 'UNKNOWN' "
        + "ORDER BY asset_id", Map.of("run", runId), String.class);
  }

  void insertRun(String runId, String processInstanceId, Instant startedAt) {
    jdbc.update("""
        INSERT INTO inspection_run (run_id, process_instance_id, started_at)
        VALUES (:runId, :instance, :startedAt)""", new MapSqlParameterSource()
        .addValue("runId", runId).addValue("instance", processInstanceId).addValue("startedAt", utc(startedAt)));
  }

  boolean hasReadings(String runId, String assetId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM inspection_finding WHERE run_id = :run AND asset_id = :asset",
        Map.of("run", runId, "asset", assetId), Integer.class);
    return n != null && n > 0;
  }

  void insertReadings(String runId, List<Finding> findings, Instant at) {
    MapSqlParameterSource[] rows = findings.stream().map(f -> new MapSqlParameterSource()
        .addValue("run", runId).addValue("asset", f.assetId()).addValue("component", cut(f.component(), MAX_COMPONENT))
        .addValue("check", f.check()).addValue("severity", f.severity().name())
        .addValue("reading", f.reading() == null ? null : cut(f.reading(), MAX_READING)).addValue("at", utc(at)))
        .toArray(MapSqlParameterSource[]::new);
    jdbc.batchUpdate("""
        INSERT INTO inspection_finding (run_id, asset_id, component, check_name, severity, reading, inspected_at)
        VALUES (:run, :asset, :component, :check, :severity, :reading, :at)""", rows);
  }

  /** The readings of a run by asset, then in the order they were taken. */
  public List<Reading> readings(String runId) {
    return jdbc.query("SELECT * FROM inspection_finding WHERE run_id = :run ORDER BY asset_id, id", Map.of("run", runId),
        (rs, row) -> new Reading(rs.getLong("id"), rs.getString("run_id"), rs.getString("asset_id"),
            rs.getString("component"), rs.getString("check_name"), Severity.valueOf(rs.getString("severity")),
            rs.getString("reading"), rs.getString("ticket_id")));
  }

  void linkTicket(long readingId, String ticketId) {
    jdbc.update("UPDATE inspection_finding SET ticket_id = :ticket WHERE id = :id",
        Map.of("ticket", ticketId, "id", readingId));
  }

  void setNewTickets(String runId, int newTickets) {
    jdbc.update("UPDATE inspection_run SET new_tickets = :n WHERE run_id = :run", Map.of("n", newTickets, "run", runId));
  }

  /** Writes the end time and the counts once; a repeated call leaves the first end time. */
  void finish(String runId, int assets, Instant finishedAt) {
    jdbc.update("""
        UPDATE inspection_run SET finished_at = COALESCE(finished_at, :at), asset_count = :assets,
          ok_count = (SELECT COUNT(*) FROM inspection_finding f WHERE f.run_id = :run AND f.severity = 'OK'),
          warning_count = (SELECT COUNT(*) FROM inspection_finding f WHERE f.run_id = :run AND f.severity = 'WARNING'),
          critical_count = (SELECT COUNT(*) FROM inspection_finding f WHERE f.run_id = :run AND f.severity = 'CRITICAL'),
          unknown_count = (SELECT COUNT(*) FROM inspection_finding f WHERE f.run_id = :run AND f.severity = 'UNKNOWN')
        WHERE run_id = :run""", new MapSqlParameterSource()
        .addValue("run", runId).addValue("assets", assets).addValue("at", utc(finishedAt)));
  }

  void review(String runId, String reviewer, Instant at, String remark) {
    jdbc.update("UPDATE inspection_run SET reviewer = :reviewer, reviewed_at = :at, remark = :remark WHERE run_id = :run",
        new MapSqlParameterSource().addValue("run", runId).addValue("reviewer", reviewer).addValue("at", utc(at))
            .addValue("remark", remark));
  }

  /**
   * The asset's open de-duplication entries, locked until the transaction ends: a second node or
   * a retried job waits here and then sees what this one wrote.
   */
  List<OpenTicket> lockOpenTickets(String assetId) {
    return jdbc.query("SELECT * FROM inspection_open_ticket WHERE asset_id = :asset ORDER BY component, check_name FOR UPDATE",
        Map.of("asset", assetId), InspectionRecords::openTicket);
  }

  /** Fails with a DuplicateKeyException when another transaction opened a ticket for the same key first. */
  void insertOpenTicket(Reading reading, String ticketId, Instant at) {
    jdbc.update("""
        INSERT INTO inspection_open_ticket (asset_id, component, check_name, ticket_id, severity, seen_count,
          first_seen_at, last_seen_at, healthy_runs, last_run_id)
        VALUES (:asset, :component, :check, :ticket, :severity, 1, :at, :at, 0, :run)""", new MapSqlParameterSource()
        .addValue("asset", reading.assetId()).addValue("component", reading.component())
        .addValue("check", reading.check()).addValue("ticket", ticketId).addValue("severity", reading.severity().name())
        .addValue("at", utc(at)).addValue("run", reading.runId()));
  }

  void seenAgain(OpenTicket open, Severity severity, String runId, Instant at) {
    jdbc.update("""
        UPDATE inspection_open_ticket SET seen_count = seen_count + 1, severity = :severity, last_seen_at = :at,
          healthy_runs = 0, last_run_id = :run
        WHERE asset_id = :asset AND component = :component AND check_name = :check""", key(open)
        .addValue("severity", severity.name()).addValue("at", utc(at)).addValue("run", runId));
  }

  void seenHealthy(OpenTicket open, String runId) {
    jdbc.update("""
        UPDATE inspection_open_ticket SET healthy_runs = healthy_runs + 1, last_run_id = :run
        WHERE asset_id = :asset AND component = :component AND check_name = :check""", key(open).addValue("run", runId));
  }

  void release(OpenTicket open) {
    jdbc.update("DELETE FROM inspection_open_ticket WHERE asset_id = :asset AND component = :component AND check_name = :check",
        key(open));
  }

  /** Deletes readings taken before {@code cutoff}; the runs themselves (the signed record) stay. */
  public int deleteReadingsBefore(Instant cutoff) {
    return jdbc.update("DELETE FROM inspection_finding WHERE inspected_at < :cutoff", Map.of("cutoff", utc(cutoff)));
  }

  private static MapSqlParameterSource key(OpenTicket open) {
    return new MapSqlParameterSource().addValue("asset", open.assetId()).addValue("component", open.component())
        .addValue("check", open.check());
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Run run(ResultSet rs, int row) throws SQLException {
    return new Run(rs.getString("run_id"), rs.getString("process_instance_id"), instant(rs, "started_at"),
        instant(rs, "finished_at"), rs.getInt("asset_count"), rs.getInt("ok_count"), rs.getInt("warning_count"),
        rs.getInt("critical_count"), rs.getInt("unknown_count"), rs.getInt("new_tickets"), rs.getString("reviewer"),
        instant(rs, "reviewed_at"), rs.getString("remark"));
  }

  private static OpenTicket openTicket(ResultSet rs, int row) throws SQLException {
    return new OpenTicket(rs.getString("asset_id"), rs.getString("component"), rs.getString("check_name"),
        rs.getString("ticket_id"), Severity.valueOf(rs.getString("severity")), rs.getInt("seen_count"),
        instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), rs.getInt("healthy_runs"), rs.getString("last_run_id"));
  }
}
