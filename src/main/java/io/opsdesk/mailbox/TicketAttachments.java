package io.opsdesk.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsdesk.ticket.EngineClock;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table ticket_attachment: files that came with a ticket's mails. Writes join the caller's transaction. */
@Repository
public class TicketAttachments {

  /** An attachment without its bytes. */
  public record AttachmentInfo(long id, String ticketId, String fileName, String contentType, long sizeBytes,
      Instant addedAt) {
  }

  private final NamedParameterJdbcTemplate jdbc;

  public TicketAttachments(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void add(String ticketId, String mailKey, IncomingMail.Attachment attachment) {
    jdbc.update("""
        INSERT INTO ticket_attachment (ticket_id, mail_key, file_name, content_type, size_bytes, content, added_at)
        VALUES (:ticketId, :mailKey, :fileName, :contentType, :size, :content, :at)""", new MapSqlParameterSource()
        .addValue("ticketId", ticketId)
        .addValue("mailKey", mailKey)
        .addValue("fileName", attachment.fileName())
        .addValue("contentType", attachment.contentType())
        .addValue("size", (long) attachment.content().length)
        .addValue("content", attachment.content())
        .addValue("at", MailIntakeRecords.utc(EngineClock.now())));
  }

  public List<AttachmentInfo> list(String ticketId) {
    return jdbc.query("""
        SELECT id, ticket_id, file_name, content_type, size_bytes, added_at FROM ticket_attachment
        WHERE ticket_id = :ticketId ORDER BY id""", Map.of("ticketId", ticketId),
        (rs, row) -> new AttachmentInfo(rs.getLong("id"), rs.getString("ticket_id"), rs.getString("file_name"),
            rs.getString("content_type"), rs.getLong("size_bytes"),
            rs.getObject("added_at", java.time.OffsetDateTime.class).toInstant()));
  }

  public Optional<byte[]> content(long id) {
    return jdbc.query("SELECT content FROM ticket_attachment WHERE id = :id", Map.of("id", id),
        (rs, row) -> rs.getBytes("content")).stream().findFirst();
  }
}
