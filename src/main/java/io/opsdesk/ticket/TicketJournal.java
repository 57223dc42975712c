package io.opsdesk.ticket;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The append-only journal of a ticket. Entries join the caller's transaction like the ticket itself. */
@Component
public class TicketJournal {

  /** Who acts when no person does: timers, the job executor. */
  public static final String SYSTEM = "system";

  private static final int MAX_TEXT = 8000;

  private final NamedParameterJdbcTemplate jdbc;
  private final IdentityService identityService;

  public TicketJournal(NamedParameterJdbcTemplate jdbc, IdentityService identityService) {
    this.jdbc = jdbc;
    this.identityService = identityService;
  }

  /** Records an entry by the user authenticated with the engine (or {@link #SYSTEM}). */
  public void record(String ticketId, String kind, String text) {
    record(ticketId, currentActor(), kind, text);
  }

  public void record(String ticketId, String actor, String kind, String text) {
    String bounded = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    jdbc.update("""
        INSERT INTO ticket_journal (ticket_id, logged_at, actor, kind, message)
        VALUES (:ticketId, :at, :actor, :kind, :message)""", new MapSqlParameterSource()
        .addValue("ticketId", ticketId)
        .addValue("at", TicketRepository.utc(EngineClock.now()))
        .addValue("actor", actor)
        .addValue("kind", kind)
        .addValue("message", bounded));
  }

  public List<JournalEntry> entries(String ticketId) {
    return jdbc.query("SELECT * FROM ticket_journal WHERE ticket_id = :id ORDER BY id", Map.of("id", ticketId),
        (rs, row) -> new JournalEntry(TicketRepository.instant(rs, "logged_at"), rs.getString("actor"),
            rs.getString("kind"), rs.getString("message")));
  }

  /** The user authenticated with the engine; when none is (a job completes it), {@code fallback} if given. */
  public String currentActorOr(String fallback) {
    String actor = currentActor();
    return SYSTEM.equals(actor) && fallback != null ? fallback : actor;
  }

  public String currentActor() {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth != null && auth.getUserId() != null ? auth.getUserId() : SYSTEM;
  }
}
