package io.opsdesk.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The reports process service-report computed (table service_report), one per period. */
@Repository
public class StoredServiceReports {

  /** A stored report: its period, when it was computed, by which instance, and the report's JSON. */
  public record Stored(LocalDate from, LocalDate to, Instant computedAt, String processInstanceId, JsonNode report) {
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper json;

  public StoredServiceReports(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Stores the report of its period, replacing one computed before (a retried or repeated run). */
  void save(ServiceReport report, String processInstanceId) {
    String text;
    try {
      text = json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Report of " + report.from() + " not written as JSON", e);
    }
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("from", report.from()).addValue("to", report.to())
        .addValue("computedAt", OffsetDateTime.ofInstant(report.computedAt(), ZoneOffset.UTC))
        .addValue("instance", processInstanceId).addValue("report", text);
    jdbc.update("DELETE FROM service_report WHERE period_from = :from AND period_to = :to", params);
    jdbc.update("""
        INSERT INTO service_report (period_from, period_to, computed_at, process_instance_id, report)
        VALUES (:from, :to, :computedAt, :instance, :report)""", params);
  }

  /** The stored reports, newest period first, at most {@code limit}. */
  public List<Stored> latest(int limit) {
    return jdbc.query("""
        SELECT * FROM service_report ORDER BY period_from DESC, period_to DESC FETCH FIRST :limit ROWS ONLY""",
        Map.of("limit", limit), (rs, row) -> {
          try {
            return new Stored(rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getObject("computed_at", OffsetDateTime.class).toInstant(), rs.getString("process_instance_id"),
                json.readTree(rs.getString("report")));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored report of " + rs.getObject("period_from") + " is not JSON", e);
          }
        });
  }
}
