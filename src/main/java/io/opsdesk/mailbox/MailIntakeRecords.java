package io.opsdesk.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsdesk.ticket.EngineClock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table mail_intake: which mails were handled, how, and which failed and why. */
@Repository
public class MailIntakeRecords {

  public static final String PROCESSED = "PROCESSED";
  public static final String FAILED = "FAILED";
  public static final String NEW_TICKET = "NEW_TICKET";
  public static final String REPLY = "REPLY";

  /** One handled mail. */
  public record MailRecord(String mailKey, String messageId, String sender, String subject, String status,
      String outcome, String ticketId, int attempts, String error, Instant firstSeenAt, Instant updatedAt) {

    public boolean processed() {
      return PROCESSED.equals(status);
    }
  }

  /** The mail was handled already (by an earlier poll or another node). */
  static class AlreadyProcessedException extends RuntimeException {
    AlreadyProcessedException(String key) {
      super("Mail " + key + " was processed already");
    }
  }

  private final NamedParameterJdbcTemplate jdbc;

  public MailIntakeRecords(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<MailRecord> find(String mailKey) {
    return jdbc.query("SELECT * FROM mail_intake WHERE mail_key = :key", Map.of("key", mailKey), MailIntakeRecords::map)
        .stream().findFirst();
  }

  public Optional<MailRecord> findByMessageId(String messageId) {
    return find("mid:" + MailReader.sha256(messageId.strip()));
  }

  /**
   * Claims the mail for processing inside the caller's transaction: a new PROCESSED row, or a
   * FAILED row turned PROCESSED. A mail another transaction processed already (committed or not)
   * throws {@link AlreadyProcessedException}.
   */
  void claim(IncomingMail mail) {
    MapSqlParameterSource params = params(mail.key(), mail.messageId(), mail.senderAddress(), mail.subject())
        .addValue("status", PROCESSED);
    int updated = jdbc.update("""
        UPDATE mail_intake SET status = :status, error = NULL, attempts = attempts + 1, updated_at = :now,
          message_id = :messageId, sender = :sender, subject = :subject
        WHERE mail_key = :key AND status = 'FAILED'""", params);
    if (updated == 1) {
      return;
    }
    try {
      jdbc.update("""
          INSERT INTO mail_intake (mail_key, message_id, sender, subject, status, attempts, first_seen_at, updated_at)
          VALUES (:key, :messageId, :sender, :subject, :status, 1, :now, :now)""", params);
    } catch (DuplicateKeyException e) {
      throw new AlreadyProcessedException(mail.key());
    }
  }

  void completed(String mailKey, String outcome, String ticketId) {
    jdbc.update("UPDATE mail_intake SET outcome = :outcome, ticket_id = :ticketId WHERE mail_key = :key",
        new MapSqlParameterSource().addValue("outcome", outcome).addValue("ticketId", ticketId).addValue("key", mailKey));
  }

  /**
   * Records a failure (in a transaction of its own, so the caller's is not needed); answers how
   * many times the mail has failed so far. A mail processed meanwhile stays PROCESSED.
   */
  int failed(String mailKey, String messageId, String sender, String subject, String error) {
    MapSqlParameterSource params = params(mailKey, messageId, sender, subject)
        .addValue("status", FAILED).addValue("error", MailText.oneLine(error, 2000));
    for (int attempt = 0; attempt < 2; attempt++) {
      int updated = jdbc.update("""
          UPDATE mail_intake SET status = :status, error = :error, attempts = attempts + 1, updated_at = :now
          WHERE mail_key = :key AND status = 'FAILED'""", params);
      if (updated == 0) {
        try {
          jdbc.update("""
              INSERT INTO mail_intake (mail_key, message_id, sender, subject, status, attempts, error, first_seen_at, updated_at)
              VALUES (:key, :messageId, :sender, :subject, :status, 1, :error, :now, :now)""", params);
        } catch (DuplicateKeyException e) {
          continue; // FAILED or PROCESSED meanwhile: look again
        }
      }
      return find(mailKey).map(MailRecord::attempts).orElse(1);
    }
    return find(mailKey).map(MailRecord::attempts).orElse(1);
  }

  public List<MailRecord> recentFailures(int limit) {
    return jdbc.query("SELECT * FROM mail_intake WHERE status = 'FAILED' ORDER BY updated_at DESC, mail_key",
        Map.of(), MailIntakeRecords::map).stream().limit(limit).toList();
  }

  public int failedCount() {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM mail_intake WHERE status = 'FAILED'", Map.of(), Integer.class);
    return n == null ? 0 : n;
  }

  private static MapSqlParameterSource params(String key, String messageId, String sender, String subject) {
    return new MapSqlParameterSource()
        .addValue("key", key)
        .addValue("messageId", messageId == null ? null : MailText.oneLine(messageId, 1000))
        .addValue("sender", sender == null ? null : MailText.oneLine(sender, 320))
        .addValue("subject", subject == null ? null : MailText.oneLine(subject, 1000))
        .addValue("now", utc(EngineClock.now()));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static MailRecord map(ResultSet rs, int row) throws SQLException {
    return new MailRecord(rs.getString("mail_key"), rs.getString("message_id"), rs.getString("sender"),
        rs.getString("subject"), rs.getString("status"), rs.getString("outcome"), rs.getString("ticket_id"),
        rs.getInt("attempts"), rs.getString("error"), instant(rs, "first_seen_at"), instant(rs, "updated_at"));
  }
}
