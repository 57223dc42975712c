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

/** The SLA clocks of tickets (table ticket_sla_clock). Written only by {@link TicketTransitions}. */
@Repository
public class SlaClocks {

  private final NamedParameterJdbcTemplate jdbc;

  public SlaClocks(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<SlaClock> of(String ticketId) {
    return jdbc.query("SELECT * FROM ticket_sla_clock WHERE ticket_id = :id ORDER BY started_at, clock, reopen_round",
        Map.of("id", ticketId), SlaClocks::map);
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
  }

  void stop(String ticketId, SlaClockKind clock, int round, Instant at) {
    jdbc.update("""
        UPDATE ticket_sla_clock SET stopped_at = :at
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round AND stopped_at IS NULL""",
        params(ticketId, clock, round).addValue("at", TicketRepository.utc(at)));
  }

  /** True when this call marked the clock breached; false when it was breached or stopped already. */
  boolean breach(String ticketId, SlaClockKind clock, int round, Instant at) {
    return jdbc.update("""
        UPDATE ticket_sla_clock SET breached_at = :at
        WHERE ticket_id = :id AND clock = :clock AND reopen_round = :round AND breached_at IS NULL AND stopped_at IS NULL""",
        params(ticketId, clock, round).addValue("at", TicketRepository.utc(at))) == 1;
  }

  private static MapSqlParameterSource params(String ticketId, SlaClockKind clock, int round) {
    return new MapSqlParameterSource().addValue("id", ticketId).addValue("clock", clock.name()).addValue("round", round);
  }

  private static SlaClock map(ResultSet rs, int row) throws SQLException {
    return new SlaClock(rs.getString("ticket_id"), SlaClockKind.valueOf(rs.getString("clock")), rs.getInt("reopen_round"),
        TicketRepository.instant(rs, "started_at"), TicketRepository.instant(rs, "due_at"),
        TicketRepository.instant(rs, "stopped_at"), TicketRepository.instant(rs, "breached_at"), rs.getString("calendar"));
  }
}
