package io.opsdesk.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SLA clocks of tickets (table ticket_sla_clock) and every event of each with its time (table
 * ticket_sla_clock_event). Written only by {@link TicketTransitions}.
 */
@Repository
public class SlaClocks {

  /** What happens to a clock; each is one row of ticket_sla_clock_event. */
  public enum Event {
    STARTED, PAUSED, RESUMED, BREACHED, MET, STOPPED,
    /** The handler group was warned that the clock runs out soon. */
    WARNED,
    /** A breached clock still running after another half of its time: the supervisors were told. */
    ESCALATED,
    /** The request's priority changed and the clock was counted again. */
    RECLASSIFIED
  }

  private final NamedParameterJdbcTemplate jdbc;

  public SlaClocks(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<SlaClock> of(String ticketId) {
    return jdbc.query("SELECT * FROM ticket_sla_clock WHERE ticket_id = :id ORDER BY started_at, clock, reopen_round",
        Map.of("id", ticketId), SlaClocks::map);
  }

  /** The clock events of a ticket, oldest first: event name and time, per clock and round. */
  public List<Map<String, Object>> events(String ticketId) {
    return jdbc.queryForList("SELECT * FROM ticket_sla_clock_event WHERE ticket_id = :id ORDER BY id", Map.of("id", ticketId));
  }

  /** The clock of this kind that runs now, or ran last. */
  Optional<SlaClock> current(String ticketId, SlaClockKind clock) {
    return jdbc.query("""
        SELECT * FROM ticket_sla_clock WHERE ticket_id = :id AND clock = :clock
        ORDER BY reopen_round DESC FETCH FIRST 1 ROWS ONLY""",
        Map.of("id", ticketId, "clock", clock.name()), SlaClocks::map).stream().findFirst();
  }

  void start(String ticketId, SlaClockKind clock, int round, Instant startedAt, Instant dueAt, String calendar) {
    jdbc.update("""
        INSERT INTO ticket_sla_clock (ticket_id, clock, reopen_round, started_at, due_at, calendar)
        VALUES (:id, :clock, :round, :startedAt, :dueAt, :calendar)""", params(ticketId, clock, round)
        .addValue("startedAt", TicketRepository.utc(startedAt)).addValue("dueAt", TicketRepository.utc(dueAt))
        .addValue("calendar", calendar));
    record(ticketId, clock, round, Event.STARTED, startedAt);
  }

  void stop(String ticketId, SlaClockKind clock, int round, Instant at) {
    int stopped = jdbc.update("""
        UPDATE ticket_sla_clock SET stopped_at = :at
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round AND stopped_at IS NULL""",
        params(ticketId, clock, round).addValue("at", TicketRepository.utc(at)));
    if (stopped == 1) {
      boolean breached = current(ticketId, clock).filter(c -> c.round() == round).map(c -> c.breachedAt() != null)
          .orElse(false);
      record(ticketId, clock, round, breached ? Event.STOPPED : Event.MET, at);
    }
  }

  /**
   * True when this call marked the clock breached; false when it was breached or stopped already. A
   * paused clock cannot run out: the caller refuses the breach before asking.
   */
  boolean breach(String ticketId, SlaClockKind clock, int round, Instant at) {
    boolean breached = jdbc.update("""
        UPDATE ticket_sla_clock SET breached_at = :at
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round AND breached_at IS NULL AND stopped_at IS NULL""",
        params(ticketId, clock, round).addValue("at", TicketRepository.utc(at))) == 1;
    if (breached) {
      record(ticketId, clock, round, Event.BREACHED, at);
    }
    return breached;
  }

  /** Pauses the clocks still counting (neither stopped nor breached) and answers them, as they were. */
  List<SlaClock> pause(String ticketId, Instant at) {
    List<SlaClock> running = jdbc.query("""
        SELECT * FROM ticket_sla_clock WHERE ticket_id = :id
        AND stopped_at IS NULL AND breached_at IS NULL AND paused_at IS NULL ORDER BY clock, reopen_round""",
        Map.of("id", ticketId), SlaClocks::map);
    for (SlaClock clock : running) {
      jdbc.update("""
          UPDATE ticket_sla_clock SET paused_at = :at
          WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round""",
          params(ticketId, clock.clock(), clock.round()).addValue("at", TicketRepository.utc(at)));
      record(ticketId, clock.clock(), clock.round(), Event.PAUSED, at);
    }
    return running;
  }

  /** The clocks paused now. */
  List<SlaClock> paused(String ticketId) {
    return jdbc.query("SELECT * FROM ticket_sla_clock WHERE ticket_id = :id AND paused_at IS NOT NULL ORDER BY clock, reopen_round",
        Map.of("id", ticketId), SlaClocks::map);
  }

  /** A paused clock runs again, due at {@code dueAt}, {@code seconds} later than before the pause. */
  void resume(SlaClock clock, Instant at, Instant dueAt, long seconds) {
    jdbc.update("""
        UPDATE ticket_sla_clock SET paused_at = NULL, due_at = :dueAt, paused_seconds = paused_seconds + :seconds
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round AND paused_at IS NOT NULL""",
        params(clock.ticketId(), clock.clock(), clock.round())
            .addValue("dueAt", TicketRepository.utc(dueAt)).addValue("seconds", seconds));
    record(clock.ticketId(), clock.clock(), clock.round(), Event.RESUMED, at);
  }

  /**
   * A running (or paused) clock counted again for a new priority: due at {@code dueAt} on
   * {@code calendar}, of which {@code pausedSeconds} come from the pauses it went through.
   */
  void reclassify(SlaClock clock, Instant at, Instant dueAt, String calendar, long pausedSeconds) {
    jdbc.update("""
        UPDATE ticket_sla_clock SET due_at = :dueAt, calendar = :calendar, paused_seconds = :seconds
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round AND stopped_at IS NULL AND breached_at IS NULL""",
        params(clock.ticketId(), clock.clock(), clock.round()).addValue("dueAt", TicketRepository.utc(dueAt))
            .addValue("calendar", calendar).addValue("seconds", pausedSeconds));
    record(clock.ticketId(), clock.clock(), clock.round(), Event.RECLASSIFIED, at);
  }

  /**
   * Records a warning or an escalation once per clock and round: true when this call recorded it. The
   * caller holds the ticket's lock, so two runs of the same timer cannot both find it missing.
   */
  boolean recordOnce(String ticketId, SlaClockKind clock, int round, Event event, Instant at) {
    Integer recorded = jdbc.queryForObject("""
        SELECT COUNT(*) FROM ticket_sla_clock_event
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round AND event = :event""",
        params(ticketId, clock, round).addValue("event", event.name()), Integer.class);
    if (recorded != null && recorded > 0) {
      return false;
    }
    record(ticketId, clock, round, event, at);
    return true;
  }

  /** The event, with the clock's due time as it is after the event. */
  private void record(String ticketId, SlaClockKind clock, int round, Event event, Instant at) {
    jdbc.update("""
        INSERT INTO ticket_sla_clock_event (ticket_id, clock, reopen_round, event, happened_at, due_at)
        SELECT ticket_id, clock, reopen_round, :event, :at, due_at FROM ticket_sla_clock
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round""",
        params(ticketId, clock, round).addValue("event", event.name()).addValue("at", TicketRepository.utc(at)));
  }

  private static MapSqlParameterSource params(String ticketId, SlaClockKind clock, int round) {
    return new MapSqlParameterSource().addValue("id", ticketId).addValue("clock", clock.name()).addValue("round", round);
  }

  private static SlaClock map(ResultSet rs, int row) throws SQLException {
    return new SlaClock(rs.getString("ticket_id"), SlaClockKind.valueOf(rs.getString("clock")), rs.getInt("reopen_round"),
        TicketRepository.instant(rs, "started_at"), TicketRepository.instant(rs, "due_at"),
        TicketRepository.instant(rs, "stopped_at"), TicketRepository.instant(rs, "breached_at"), rs.getString("calendar"),
        TicketRepository.instant(rs, "paused_at"), rs.getLong("paused_seconds"));
  }
}
