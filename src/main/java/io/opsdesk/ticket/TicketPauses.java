package io.opsdesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The pauses of tickets (table ticket_pause). Written only by {@link TicketTransitions}. */
@Repository
public class TicketPauses {

  /** Who a paused request waits for. */
  public static final List<String> WAITING_FOR = List.of("REQUESTER", "VENDOR");

  /** One pause: open ({@code endedAt} null) while the ticket is WAITING. */
  public record Pause(String ticketId, Instant startedAt, Instant endedAt, String waitingFor, String reason,
      String pausedBy, String resumedBy) {
  }

  private final NamedParameterJdbcTemplate jdbc;

  public TicketPauses(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Pause> of(String ticketId) {
    return jdbc.query("SELECT * FROM ticket_pause WHERE ticket_id = :id ORDER BY id", Map.of("id", ticketId),
        (rs, row) -> new Pause(rs.getString("ticket_id"), TicketRepository.instant(rs, "started_at"),
            TicketRepository.instant(rs, "ended_at"), rs.getString("waiting_for"), rs.getString("reason"),
            rs.getString("paused_by"), rs.getString("resumed_by")));
  }

  void open(String ticketId, Instant at, String waitingFor, String reason, String actor) {
    jdbc.update("""
        INSERT INTO ticket_pause (ticket_id, started_at, waiting_for, reason, paused_by)
        VALUES (:id, :at, :waitingFor, :reason, :actor)""", new MapSqlParameterSource().addValue("id", ticketId)
        .addValue("at", TicketRepository.utc(at)).addValue("waitingFor", waitingFor).addValue("reason", reason)
        .addValue("actor", actor));
  }

  /** Ends the ticket's open pause and answers it as it was before. */
  Optional<Pause> close(String ticketId, Instant at, String actor) {
    Optional<Pause> open = of(ticketId).stream().filter(p -> p.endedAt() == null).findFirst();
    jdbc.update("UPDATE ticket_pause SET ended_at = :at, resumed_by = :actor WHERE ticket_id = :id AND ended_at IS NULL",
        new MapSqlParameterSource().addValue("id", ticketId).addValue("at", TicketRepository.utc(at)).addValue("actor", actor));
    return open;
  }
}
