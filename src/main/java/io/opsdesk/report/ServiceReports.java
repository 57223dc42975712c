package io.opsdesk.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.opsdesk.ticket.EngineClock;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Computes the {@link ServiceReport} of a period from OpsDesk's tables (ticket, ticket_sla_clock,
 * ticket_pause, ticket_journal, ticket_reader) and, for the time per step, from Camunda's task history
 * (ACT_HI_TASKINST, what HistoricTaskInstance reads). Every figure is grouped in SQL; Java only divides
 * the counts. SQL common to PostgreSQL and H2 2.3 (PERCENTILE_CONT ... WITHIN GROUP, EXTRACT(EPOCH),
 * AT TIME ZONE).
 */
@Repository
public class ServiceReports {

  /** A scope with no value (a request not classified yet) is reported under this key. */
  static final String NO_VALUE = "(none)";

  /** The steps of service-request whose task durations are reported, in the order a request meets them. */
  static final List<String> STEPS = List.of("accept", "diagnose", "consult", "resolve", "verify", "confirm");
  static final String PAUSED = "paused";

  /** What a report is grouped by: SQL expressions of our own, never a caller's text. */
  private enum Scope {
    OVERALL("'all'"), CATEGORY("t.category"), PRIORITY("t.priority"), GROUP("t.candidate_group");

    final String key;

    Scope(String key) {
      this.key = key;
    }
  }

  /** Minutes between two timestamps, as a double on both databases. */
  private static String minutes(String from, String to) {
    return "CAST((EXTRACT(EPOCH FROM " + to + ") - EXTRACT(EPOCH FROM " + from + ")) / 60 AS DOUBLE PRECISION)";
  }

  private static final String OPENED_IN_PERIOD = "t.created_at >= :start AND t.created_at < :end";

  /**
   * Per request opened in the period: its scope key and what each figure needs. SLA clocks are summed per
   * request first (every round of a reopened request's resolution clock is a clock of its own). A clock is
   * met when it stopped unbreached; breached when marked so, or still running (not paused) past its due
   * time; otherwise (running, not yet due, or paused) it is not measured.
   */
  private static final String PER_REQUEST = """
      SELECT %s AS scope_key, t.status, t.reopen_count,
        CASE WHEN t.status = 'CLOSED' AND t.close_reason = 'CONFIRMED' THEN t.satisfaction_score END AS score,
        CASE WHEN t.accepted_at IS NOT NULL THEN %s END AS respond_minutes,
        CASE WHEN t.status = 'CLOSED' THEN %s END AS resolve_minutes,
        CASE WHEN t.status = 'CLOSED' AND t.reopen_count = 0
          AND NOT EXISTS (SELECT 1 FROM ticket_journal j WHERE j.ticket_id = t.ticket_id AND j.kind = 'RECLASSIFIED')
          AND NOT EXISTS (SELECT 1 FROM ticket_reader r WHERE r.process_instance_id = t.process_instance_id
            AND r.user_id IS NOT NULL AND r.user_id <> COALESCE(t.requester_id, ''))
          THEN 1 ELSE 0 END AS first_contact,
        COALESCE(c.response_met, 0) AS response_met, COALESCE(c.response_measured, 0) AS response_measured,
        COALESCE(c.resolution_met, 0) AS resolution_met, COALESCE(c.resolution_measured, 0) AS resolution_measured
      FROM ticket t LEFT JOIN (
        SELECT s.ticket_id,
          SUM(CASE WHEN s.clock = 'RESPONSE' AND s.met = 1 THEN 1 ELSE 0 END) AS response_met,
          SUM(CASE WHEN s.clock = 'RESPONSE' AND s.measured = 1 THEN 1 ELSE 0 END) AS response_measured,
          SUM(CASE WHEN s.clock = 'RESOLUTION' AND s.met = 1 THEN 1 ELSE 0 END) AS resolution_met,
          SUM(CASE WHEN s.clock = 'RESOLUTION' AND s.measured = 1 THEN 1 ELSE 0 END) AS resolution_measured
        FROM (
          SELECT k.ticket_id, k.clock,
            CASE WHEN k.stopped_at IS NOT NULL AND k.breached_at IS NULL THEN 1 ELSE 0 END AS met,
            CASE WHEN k.stopped_at IS NOT NULL OR k.breached_at IS NOT NULL
              OR (k.paused_at IS NULL AND k.due_at < :now) THEN 1 ELSE 0 END AS measured
          FROM ticket_sla_clock k JOIN ticket t ON t.ticket_id = k.ticket_id
          WHERE %s) s
        GROUP BY s.ticket_id) c ON c.ticket_id = t.ticket_id
      WHERE %s"""
      .formatted("%s", minutes("t.created_at", "t.accepted_at"), minutes("t.created_at", "t.resolved_at"),
          OPENED_IN_PERIOD, OPENED_IN_PERIOD);

  private static final String FIGURES = """
      SELECT scope_key, COUNT(*) AS opened,
        SUM(CASE WHEN status = 'CLOSED' THEN 1 ELSE 0 END) AS closed,
        SUM(CASE WHEN status = 'CLOSED' AND reopen_count > 0 THEN 1 ELSE 0 END) AS reopened,
        SUM(first_contact) AS first_contact,
        SUM(response_met) AS response_met, SUM(response_measured) AS response_measured,
        SUM(resolution_met) AS resolution_met, SUM(resolution_measured) AS resolution_measured,
        COUNT(score) AS rated, AVG(CAST(score AS DOUBLE PRECISION)) AS mean_score,
        AVG(respond_minutes) AS respond_mean,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY respond_minutes) AS respond_p50,
        PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY respond_minutes) AS respond_p90,
        AVG(resolve_minutes) AS resolve_mean,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY resolve_minutes) AS resolve_p50,
        PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY resolve_minutes) AS resolve_p90
      FROM (%s) x
      GROUP BY scope_key""";

  /** Zone ids as Java writes them; checked because the id is written into the SQL (AT TIME ZONE takes no parameter in H2). */
  private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9/_+:-]+");

  private final NamedParameterJdbcTemplate jdbc;

  public ServiceReports(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The report of {@code period}, as of the engine's now, with days in {@code zone}. */
  public ServiceReport compute(ReportPeriod period, ZoneId zone) {
    Instant now = EngineClock.now();
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("start", utc(period.start(zone)))
        .addValue("end", utc(period.end(zone)))
        .addValue("now", utc(now));
    return new ServiceReport(period.from(), period.to(), zone.getId(), now,
        figures(Scope.OVERALL, params).getOrDefault("all", ServiceFigures.NONE),
        figures(Scope.CATEGORY, params), figures(Scope.PRIORITY, params), figures(Scope.GROUP, params),
        byDay(period, zone, params), satisfactionCounts(params), phases(params));
  }

  private Map<String, ServiceFigures> figures(Scope scope, MapSqlParameterSource params) {
    Map<String, ServiceFigures> figures = new TreeMap<>();
    jdbc.query(FIGURES.formatted(PER_REQUEST.formatted(scope.key)) + " ORDER BY scope_key", params, rs -> {
      String key = rs.getString("scope_key");
      figures.put(key == null ? NO_VALUE : key, figures(rs));
    });
    return figures;
  }

  private static ServiceFigures figures(ResultSet rs) throws SQLException {
    long opened = rs.getLong("opened");
    long closed = rs.getLong("closed");
    long reopened = rs.getLong("reopened");
    long firstContact = rs.getLong("first_contact");
    long responseMet = rs.getLong("response_met");
    long responseMeasured = rs.getLong("response_measured");
    long resolutionMet = rs.getLong("resolution_met");
    long resolutionMeasured = rs.getLong("resolution_measured");
    return new ServiceFigures(opened, closed, opened - closed, ServiceFigures.ratio(closed, opened),
        reopened, ServiceFigures.ratio(reopened, closed),
        firstContact, ServiceFigures.ratio(firstContact, closed),
        responseMet, responseMeasured, ServiceFigures.ratio(responseMet, responseMeasured),
        resolutionMet, resolutionMeasured, ServiceFigures.ratio(resolutionMet, resolutionMeasured),
        rs.getLong("rated"), number(rs, "mean_score"),
        number(rs, "respond_mean"), number(rs, "respond_p50"), number(rs, "respond_p90"),
        number(rs, "resolve_mean"), number(rs, "resolve_p50"), number(rs, "resolve_p90"));
  }

  /** Every day of the period: requests opened that day, and requests closed that day whenever they were opened. */
  private Map<LocalDate, DayCounts> byDay(ReportPeriod period, ZoneId zone, MapSqlParameterSource params) {
    String zoneId = zone.getId();
    if (!ZONE_ID.matcher(zoneId).matches()) {
      throw new IllegalStateException("Unexpected zone id " + zoneId);
    }
    Map<LocalDate, Long> opened = countPerDay("created_at", zoneId, params);
    Map<LocalDate, Long> closed = countPerDay("closed_at", zoneId, params);
    Map<LocalDate, DayCounts> days = new LinkedHashMap<>();
    for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
      days.put(day, new DayCounts(opened.getOrDefault(day, 0L), closed.getOrDefault(day, 0L)));
    }
    return days;
  }

  private Map<LocalDate, Long> countPerDay(String column, String zoneId, MapSqlParameterSource params) {
    Map<LocalDate, Long> counts = new LinkedHashMap<>();
    jdbc.query("""
        SELECT local_day, COUNT(*) AS n FROM (
          SELECT CAST(%1$s AT TIME ZONE '%2$s' AS DATE) AS local_day FROM ticket WHERE %1$s >= :start AND %1$s < :end) d
        GROUP BY local_day""".formatted(column, zoneId), params,
        rs -> {
          counts.put(rs.getObject("local_day", LocalDate.class), rs.getLong("n"));
        });
    return counts;
  }

  /** Scores 1 to 5 given in the confirmation that closed a request opened in the period. */
  private Map<String, Long> satisfactionCounts(MapSqlParameterSource params) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int score = 1; score <= 5; score++) {
      counts.put(Integer.toString(score), 0L);
    }
    jdbc.query("""
        SELECT t.satisfaction_score AS score, COUNT(*) AS n FROM ticket t
        WHERE %s AND t.status = 'CLOSED' AND t.close_reason = 'CONFIRMED' AND t.satisfaction_score IS NOT NULL
        GROUP BY t.satisfaction_score""".formatted(OPENED_IN_PERIOD), params,
        rs -> {
          counts.put(Integer.toString(rs.getInt("score")), rs.getLong("n"));
        });
    return counts;
  }

  /**
   * Time per step of the requests opened in the period: the durations of their ended task instances in
   * the engine's history, per task definition key, and their finished pauses.
   */
  private Map<String, Phase> phases(MapSqlParameterSource params) {
    Map<String, Phase> phases = new LinkedHashMap<>();
    STEPS.forEach(step -> phases.put(step, new Phase(0, null, null)));
    jdbc.query("""
        SELECT h.TASK_DEF_KEY_ AS step, COUNT(*) AS n, AVG(h.minutes) AS mean_minutes,
          PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY h.minutes) AS p90_minutes
        FROM (SELECT i.TASK_DEF_KEY_, CAST(i.DURATION_ AS DOUBLE PRECISION) / 60000 AS minutes
          FROM ACT_HI_TASKINST i JOIN ticket t ON t.process_instance_id = i.PROC_INST_ID_
          WHERE %s AND i.END_TIME_ IS NOT NULL AND i.DURATION_ IS NOT NULL AND i.TASK_DEF_KEY_ IN (:steps)) h
        GROUP BY h.TASK_DEF_KEY_""".formatted(OPENED_IN_PERIOD), new MapSqlParameterSource(params.getValues())
        .addValue("steps", STEPS), rs -> {
          phases.put(rs.getString("step"), phase(rs));
        });
    jdbc.query("""
        SELECT COUNT(*) AS n, AVG(p.minutes) AS mean_minutes,
          PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY p.minutes) AS p90_minutes
        FROM (SELECT %s AS minutes FROM ticket_pause q JOIN ticket t ON t.ticket_id = q.ticket_id
          WHERE %s AND q.ended_at IS NOT NULL) p""".formatted(minutes("q.started_at", "q.ended_at"), OPENED_IN_PERIOD),
        params, rs -> {
          phases.put(PAUSED, phase(rs));
        });
    return phases;
  }

  private static Phase phase(ResultSet rs) throws SQLException {
    return new Phase(rs.getLong("n"), number(rs, "mean_minutes"), number(rs, "p90_minutes"));
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
