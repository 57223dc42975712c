package io.opsdesk.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notification table: mails queued in the transaction of the work they report on, delivered
 * afterwards by {@link NotificationSender}. A sender owns a row only after claiming it with a
 * conditional update, so two senders never deliver the same row twice.
 */
@Repository
public class Outbox {

  public enum Status { PENDING, SENDING, SENT, FAILED }

  /** One queued mail as the sender and tests see it. */
  public record Notice(long id, String ticketId, String template, String recipient, String subject, String body,
      Status status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError) {
  }

  private static final int MAX_ERROR = 2000;
  /** Due now: pending and past its next attempt, or claimed by a sender whose claim ran out. */
  private static final String DUE =
      "(status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND claimed_until < :now)";
  /** The outcome of a claimed attempt; changes nothing when the claim was lost meanwhile. */
  private static final String FINISH = "UPDATE notification SET %s, claim_token = NULL, claimed_until = NULL"
      + " WHERE id = :id AND claim_token = :token AND status = 'SENDING'";

  /** Published when a mail is queued; a listener after the commit may wake the sender. */
  public record MailQueued() {
  }

  private static final MailQueued QUEUED = new MailQueued();

  private final NamedParameterJdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  public Outbox(NamedParameterJdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** Joins the caller's transaction: the row exists only if that work commits. */
  void queue(String ticketId, String template, String recipient, MailTemplates.Mail mail, Instant now) {
    jdbc.update("""
        INSERT INTO notification (ticket_id, template, recipient, subject, body, status, attempts, created_at, next_attempt_at)
        VALUES (:ticketId, :template, :recipient, :subject, :body, 'PENDING', 0, :now, :now)""",
        new MapSqlParameterSource()
            .addValue("ticketId", ticketId)
            .addValue("template", template)
            .addValue("recipient", recipient)
            .addValue("subject", mail.subject())
            .addValue("body", mail.body())
            .addValue("now", utc(now)));
    events.publishEvent(QUEUED);
  }

  /**
   * Claims up to {@code limit} rows that are due now (pending ones, and ones whose sender's claim ran
   * out) for one run of a sender, counting an attempt for each; answers the rows claimed, oldest first.
   * The update re-checks that a row is still due, so two senders at once never claim the same row.
   */
  List<Notice> claimDue(String token, Instant now, Instant until, int limit) {
    jdbc.update("""
        UPDATE notification SET status = 'SENDING', claim_token = :token, claimed_until = :until, attempts = attempts + 1
        WHERE id IN (SELECT id FROM notification WHERE %1$s ORDER BY next_attempt_at, id FETCH FIRST %2$d ROWS ONLY)
        AND (%1$s)""".formatted(DUE, limit),
        new MapSqlParameterSource().addValue("token", token).addValue("now", utc(now)).addValue("until", utc(until)));
    // status first: the due index finds the few SENDING rows among all those kept as SENT.
    return jdbc.query("SELECT * FROM notification WHERE status = 'SENDING' AND claim_token = :token ORDER BY next_attempt_at, id",
        Map.of("token", token), Outbox::map);
  }

  /**
   * Marks the claimed rows sent; answers the ids whose claim still held (a row whose claim ran out
   * meanwhile belongs to another sender, which records its outcome).
   */
  List<Long> sent(List<Long> ids, String token, Instant at) {
    MapSqlParameterSource[] rows = ids.stream().map(id -> new MapSqlParameterSource()
        .addValue("id", id).addValue("token", token).addValue("at", utc(at))).toArray(MapSqlParameterSource[]::new);
    int[] updated = jdbc.batchUpdate(FINISH.formatted("status = 'SENT', sent_at = :at, last_error = NULL"), rows);
    List<Long> held = new ArrayList<>();
    for (int i = 0; i < updated.length; i++) {
      if (updated[i] != 0) { // 1, or the driver's "success, count unknown"
        held.add(ids.get(i));
      }
    }
    return held;
  }

  /** Hands back claimed rows that were not tried after all, without counting the attempt. */
  void release(List<Long> ids, String token) {
    jdbc.batchUpdate(FINISH.formatted("status = 'PENDING', attempts = attempts - 1"),
        ids.stream().map(id -> new MapSqlParameterSource().addValue("id", id).addValue("token", token))
            .toArray(MapSqlParameterSource[]::new));
  }

  boolean retryAt(long id, String token, Instant next, String error) {
    return finish(id, token, "status = 'PENDING', next_attempt_at = :next, last_error = :error",
        new MapSqlParameterSource().addValue("next", utc(next)).addValue("error", bound(error)));
  }

  boolean failed(long id, String token, String error) {
    return finish(id, token, "status = 'FAILED', last_error = :error",
        new MapSqlParameterSource().addValue("error", bound(error)));
  }

  private boolean finish(long id, String token, String assignments, MapSqlParameterSource params) {
    return jdbc.update(FINISH.formatted(assignments), params.addValue("id", id).addValue("token", token)) == 1;
  }

  /** Forgets mails sent before {@code before} (the journal keeps that they were sent). */
  int purgeSent(Instant before) {
    return jdbc.update("DELETE FROM notification WHERE status = 'SENT' AND sent_at < :before",
        Map.of("before", utc(before)));
  }

  /** A ticket's mails, oldest first. */
  public List<Notice> ofTicket(String ticketId) {
    return jdbc.query("SELECT * FROM notification WHERE ticket_id = :id ORDER BY id", Map.of("id", ticketId), Outbox::map);
  }

  /** How many mails are in each state. */
  public Map<Status, Long> counts() {
    Map<Status, Long> counts = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      counts.put(status, 0L);
    }
    jdbc.query("SELECT status, COUNT(*) AS n FROM notification GROUP BY status", rs -> {
      counts.put(Status.valueOf(rs.getString("status")), rs.getLong("n"));
    });
    return counts;
  }

  private static String bound(String text) {
    return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Notice map(ResultSet rs, int row) throws SQLException {
    return new Notice(rs.getLong("id"), rs.getString("ticket_id"), rs.getString("template"), rs.getString("recipient"),
        rs.getString("subject"), rs.getString("body"), Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
        instant(rs, "created_at"), instant(rs, "next_attempt_at"), instant(rs, "sent_at"), rs.getString("last_error"));
  }
}
