package io.opsdesk.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The requests whose SLA is breached or about to be, now: one row per SLA clock of an open request
 * (neither RESOLVED nor CLOSED) that still runs (not stopped, not paused) and is breached, or whose
 * handler group was warned (the clock's warning timer fired, at decision sla's warningShare of its
 * time), or that runs out within {@code opsdesk.reports.at-risk-window} (default one hour). A paused
 * clock is left out: it cannot run out while the request waits.
 */
@Repository
public class AtRiskRequests {

  /** One clock at risk. {@code minutesLeft} is negative once the clock is overdue. */
  public record AtRisk(String ticketId, String subject, String priority, String candidateGroup, String status,
      String clock, Instant dueAt, boolean breached, long minutesLeft, String processInstanceId) {
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final Duration window;

  public AtRiskRequests(NamedParameterJdbcTemplate jdbc, @Value("${opsdesk.reports.at-risk-window:PT1H}") Duration window) {
    this.jdbc = jdbc;
    this.window = window;
  }

  /** The clocks at risk at {@code now}, the one running out first (or longest overdue) first. */
  public List<AtRisk> at(Instant now) {
    return jdbc.query("""
        SELECT c.ticket_id, c.clock, c.due_at, c.breached_at, t.subject, t.priority, t.candidate_group, t.status,
               t.process_instance_id
        FROM ticket_sla_clock c JOIN ticket t ON t.ticket_id = c.ticket_id
        WHERE c.stopped_at IS NULL AND c.paused_at IS NULL AND t.status NOT IN ('RESOLVED', 'CLOSED')
          AND (c.breached_at IS NOT NULL OR c.due_at <= :soon OR EXISTS (
              SELECT 1 FROM ticket_sla_clock_event e WHERE e.ticket_id = c.ticket_id AND e.clock = c.clock
              AND e.reopen_round = c.reopen_round AND e.event = 'WARNED'))
        ORDER BY c.due_at, c.ticket_id, c.clock""",
        new MapSqlParameterSource("soon", now.plus(window).atOffset(ZoneOffset.UTC)), (rs, row) -> map(rs, now));
  }

  private static AtRisk map(ResultSet rs, Instant now) throws SQLException {
    Instant dueAt = rs.getObject("due_at", OffsetDateTime.class).toInstant();
    // Overdue counts as breached before the breach timer has run (the job executor may lag).
    boolean breached = rs.getObject("breached_at", OffsetDateTime.class) != null || !dueAt.isAfter(now);
    return new AtRisk(rs.getString("ticket_id"), rs.getString("subject"), rs.getString("priority"),
        rs.getString("candidate_group"), rs.getString("status"), rs.getString("clock"), dueAt, breached,
        Duration.between(now, dueAt).toMinutes(), rs.getString("process_instance_id"));
  }
}
