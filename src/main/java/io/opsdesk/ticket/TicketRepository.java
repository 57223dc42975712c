package io.opsdesk.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ticket table. Every write joins the caller's transaction, which inside a delegate or
 * listener is the engine's: process state and ticket commit or roll back together. Writes are
 * package-private: only {@link TicketTransitions} changes a ticket.
 */
@Repository
public class TicketRepository {

  private final NamedParameterJdbcTemplate jdbc;

  public TicketRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Ticket t) {
    jdbc.update("""
        INSERT INTO ticket (ticket_id, process_instance_id, requester_name, requester_email, requester_phone,
          requester_id, asset_id, channel, subject, description, location, occurred_at, category, impact, urgency,
          status, created_at, reopen_count)
        VALUES (:ticketId, :processInstanceId, :requesterName, :requesterEmail, :requesterPhone,
          :requesterId, :assetId, :channel, :subject, :description, :location, :occurredAt, :category, :impact, :urgency,
          :status, :createdAt, 0)
        """, new MapSqlParameterSource()
        .addValue("ticketId", t.ticketId())
        .addValue("processInstanceId", t.processInstanceId())
        .addValue("requesterName", t.requesterName())
        .addValue("requesterEmail", t.requesterEmail())
        .addValue("requesterPhone", t.requesterPhone())
        .addValue("requesterId", t.requesterId())
        .addValue("assetId", t.assetId())
        .addValue("channel", t.channel())
        .addValue("subject", t.subject())
        .addValue("description", t.description())
        .addValue("location", t.location())
        .addValue("occurredAt", utc(t.occurredAt()))
        .addValue("category", t.category())
        .addValue("impact", t.impact())
        .addValue("urgency", t.urgency())
        .addValue("status", TicketStatus.NEW.name())
        .addValue("createdAt", utc(t.createdAt())));
  }

  public Optional<Ticket> find(String ticketId) {
    return jdbc.query("SELECT * FROM ticket WHERE ticket_id = :id", Map.of("id", ticketId), TicketRepository::map)
        .stream().findFirst();
  }

  /** The ticket of a service-request process instance: how the process's own steps find it. */
  public Optional<Ticket> findByProcessInstance(String processInstanceId) {
    return jdbc.query("SELECT * FROM ticket WHERE process_instance_id = :id", Map.of("id", processInstanceId),
        TicketRepository::map).stream().findFirst();
  }

  /** Like {@link #findByProcessInstance}, holding the row until the transaction ends: one transition at a time. */
  Optional<Ticket> lockByProcessInstance(String processInstanceId) {
    return jdbc.query("SELECT * FROM ticket WHERE process_instance_id = :id FOR UPDATE", Map.of("id", processInstanceId),
        TicketRepository::map).stream().findFirst();
  }

  /** One page of tickets, newest first. Conditions are fixed SQL; only values travel as parameters. */
  public java.util.List<Ticket> search(TicketSearch search) {
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("limit", search.size()).addValue("offset", (long) search.page() * search.size());
    return jdbc.query("SELECT * FROM ticket" + where(search, params)
        + " ORDER BY created_at DESC, ticket_id DESC LIMIT :limit OFFSET :offset", params, TicketRepository::map);
  }

  public long count(TicketSearch search) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM ticket" + where(search, params), params, Long.class);
    return n == null ? 0 : n;
  }

  /** The ticket, if {@code reader} may read it: the same rule as the list's. */
  public Optional<Ticket> findReadable(String ticketId, TicketReader reader) {
    MapSqlParameterSource params = new MapSqlParameterSource("id", ticketId);
    return jdbc.query("SELECT * FROM ticket WHERE ticket_id = :id" + readable(reader, params), params,
        TicketRepository::map).stream().findFirst();
  }

  private static String readable(TicketReader reader, MapSqlParameterSource params) {
    if (reader.readsAll()) {
      return "";
    }
    params.addValue("readerUser", reader.userId());
    String groups = "";
    if (!reader.groups().isEmpty()) {
      params.addValue("readerGroups", reader.groups());
      groups = " OR r.group_id IN (:readerGroups)";
    }
    return " AND EXISTS (SELECT 1 FROM ticket_reader r WHERE r.process_instance_id = ticket.process_instance_id"
        + " AND (r.user_id = :readerUser" + groups + "))";
  }

  private static String where(TicketSearch search, MapSqlParameterSource params) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1").append(readable(search.reader(), params));
    if (search.status() != null) {
      sql.append(" AND status = :status");
      params.addValue("status", search.status().name());
    }
    if (search.priority() != null) {
      sql.append(" AND priority = :priority");
      params.addValue("priority", search.priority());
    }
    if (search.category() != null) {
      sql.append(" AND category = :category");
      params.addValue("category", search.category());
    }
    if (search.requesterId() != null) {
      sql.append(" AND requester_id = :requesterId");
      params.addValue("requesterId", search.requesterId());
    }
    if (search.breached() != null) {
      sql.append(search.breached() ? " AND (response_breached OR resolution_breached)"
          : " AND NOT response_breached AND NOT resolution_breached");
    }
    if (search.createdFrom() != null) {
      sql.append(" AND created_at >= :createdFrom");
      params.addValue("createdFrom", utc(search.createdFrom()));
    }
    if (search.createdBefore() != null) {
      sql.append(" AND created_at < :createdBefore");
      params.addValue("createdBefore", utc(search.createdBefore()));
    }
    return sql.toString();
  }

  void setDeadlines(String ticketId, Instant responseDue, Instant resolutionDue) {
    update(ticketId, "response_due = :responseDue, resolution_due = :resolutionDue", new MapSqlParameterSource()
        .addValue("responseDue", utc(responseDue)).addValue("resolutionDue", utc(resolutionDue)));
  }

  void classify(String ticketId, String category, String impact, String urgency, String priority,
      String candidateGroup, Instant at, TicketStatus status) {
    update(ticketId, """
        category = :category, impact = :impact, urgency = :urgency, priority = :priority,
        candidate_group = :candidateGroup, classified_at = :at, assigned_at = :at, status = :status""",
        new MapSqlParameterSource()
        .addValue("category", category).addValue("impact", impact).addValue("urgency", urgency)
        .addValue("priority", priority).addValue("candidateGroup", candidateGroup)
        .addValue("at", utc(at)).addValue("status", status.name()));
  }

  /** A new classification: the status and the times of the first one stay. */
  void reclassify(String ticketId, String category, String impact, String urgency, String priority, String candidateGroup) {
    update(ticketId, """
        category = :category, impact = :impact, urgency = :urgency, priority = :priority,
        candidate_group = :candidateGroup""", new MapSqlParameterSource()
        .addValue("category", category).addValue("impact", impact).addValue("urgency", urgency)
        .addValue("priority", priority).addValue("candidateGroup", candidateGroup));
  }

  void accept(String ticketId, String handler, Instant at, boolean responseBreached, TicketStatus status) {
    update(ticketId, "handler = :handler, accepted_at = :at, response_breached = :breached, status = :status",
        new MapSqlParameterSource().addValue("handler", handler).addValue("at", utc(at))
            .addValue("breached", responseBreached).addValue("status", status.name()));
  }

  void markBreached(String ticketId, SlaClockKind clock) {
    update(ticketId, clock == SlaClockKind.RESPONSE ? "response_breached = TRUE" : "resolution_breached = TRUE",
        new MapSqlParameterSource());
  }

  void resolve(String ticketId, Instant at, boolean resolutionBreached, TicketStatus status) {
    update(ticketId, "resolved_at = :at, resolution_breached = :breached, status = :status",
        new MapSqlParameterSource().addValue("at", utc(at)).addValue("breached", resolutionBreached)
            .addValue("status", status.name()));
  }

  void reopen(String ticketId, int reopenCount, Instant resolutionDue, Answer answer, TicketStatus status) {
    update(ticketId, """
        reopen_count = :count, resolved_at = NULL, resolution_due = :due, satisfied = :satisfied,
        satisfaction_score = :score, feedback = :feedback, status = :status""", answer.params()
        .addValue("count", reopenCount).addValue("due", utc(resolutionDue)).addValue("status", status.name()));
  }

  void close(String ticketId, String closeReason, Answer answer, Instant at, TicketStatus status) {
    update(ticketId, """
        close_reason = :reason, satisfied = :satisfied, satisfaction_score = :score, feedback = :feedback,
        closed_at = :at, status = :status""", answer.params().addValue("reason", closeReason)
        .addValue("at", utc(at)).addValue("status", status.name()));
  }

  /** The requester's answer to the confirmation; all null when the ticket closed without one. */
  record Answer(Boolean satisfied, Integer score, String feedback) {

    static final Answer NONE = new Answer(null, null, null);

    MapSqlParameterSource params() {
      return new MapSqlParameterSource().addValue("satisfied", satisfied).addValue("score", score)
          .addValue("feedback", feedback);
    }
  }

  void pause(String ticketId, TicketStatus status) {
    update(ticketId, "status = :status", new MapSqlParameterSource().addValue("status", status.name()));
  }

  void resume(String ticketId, long pausedSeconds, TicketStatus status) {
    update(ticketId, "paused_seconds = paused_seconds + :seconds, status = :status",
        new MapSqlParameterSource().addValue("seconds", pausedSeconds).addValue("status", status.name()));
  }

  void moveDue(String ticketId, SlaClockKind clock, Instant due) {
    update(ticketId, clock == SlaClockKind.RESPONSE ? "response_due = :due" : "resolution_due = :due",
        new MapSqlParameterSource().addValue("due", utc(due)));
  }

  /** A ticket that is not there when the process says it is means the two disagree: fail the step. */
  private void update(String ticketId, String assignments, MapSqlParameterSource params) {
    int rows = jdbc.update("UPDATE ticket SET " + assignments + " WHERE ticket_id = :ticketId",
        params.addValue("ticketId", ticketId));
    if (rows != 1) {
      throw new IllegalStateException("No ticket " + ticketId + " to update");
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Ticket map(ResultSet rs, int row) throws SQLException {
    return new Ticket(
        rs.getString("ticket_id"),
        rs.getString("process_instance_id"),
        rs.getString("requester_name"),
        rs.getString("requester_email"),
        rs.getString("requester_phone"),
        rs.getString("requester_id"),
        rs.getString("asset_id"),
        rs.getString("channel"),
        rs.getString("subject"),
        rs.getString("description"),
        rs.getString("location"),
        instant(rs, "occurred_at"),
        rs.getString("category"),
        rs.getString("impact"),
        rs.getString("urgency"),
        rs.getString("priority"),
        rs.getString("candidate_group"),
        TicketStatus.valueOf(rs.getString("status")),
        rs.getString("close_reason"),
        rs.getString("handler"),
        instant(rs, "created_at"),
        instant(rs, "classified_at"),
        instant(rs, "accepted_at"),
        instant(rs, "resolved_at"),
        instant(rs, "closed_at"),
        instant(rs, "response_due"),
        instant(rs, "resolution_due"),
        rs.getBoolean("response_breached"),
        rs.getBoolean("resolution_breached"),
        rs.getInt("reopen_count"),
        rs.getObject("satisfied", Boolean.class),
        rs.getObject("satisfaction_score", Integer.class),
        rs.getString("feedback"),
        rs.getLong("paused_seconds"));
  }
}
