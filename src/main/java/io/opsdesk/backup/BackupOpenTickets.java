package io.opsdesk.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table backup_open_ticket (V8): the one open DATA ticket per target that the backup's problems go to.
 * Unlike {@link BackupRecords}, writes join the caller's (the job's) transaction, so that an entry and
 * the ticket it names commit together.
 */
@Repository
public class BackupOpenTickets {

  /** A target's open ticket and the run that last reported to it. */
  record Entry(String target, String ticketId, String lastRunId) {
  }

  private final NamedParameterJdbcTemplate jdbc;

  public BackupOpenTickets(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The target's entry, locked until the transaction ends so that a second node waits for this one. */
  Optional<Entry> lock(String target) {
    return jdbc.query("SELECT * FROM backup_open_ticket WHERE target = :target FOR UPDATE", Map.of("target", target),
        BackupOpenTickets::entry).stream().findFirst();
  }

  public Optional<String> ticketId(String target) {
    return jdbc.queryForList("SELECT ticket_id FROM backup_open_ticket WHERE target = :target", Map.of("target", target),
        String.class).stream().findFirst();
  }

  /** Fails with a DuplicateKeyException when another node opened the target's ticket first (its job is retried). */
  void insert(String target, String ticketId, String runId, Instant at) {
    jdbc.update("INSERT INTO backup_open_ticket (target, ticket_id, opened_at, last_run_id) VALUES (:target, :ticket, :at, :run)",
        new MapSqlParameterSource().addValue("target", target).addValue("ticket", ticketId)
            .addValue("at", at.atOffset(ZoneOffset.UTC)).addValue("run", runId));
  }

  void reported(String target, String runId) {
    jdbc.update("UPDATE backup_open_ticket SET last_run_id = :run WHERE target = :target",
        Map.of("target", target, "run", runId));
  }

  void release(String target) {
    jdbc.update("DELETE FROM backup_open_ticket WHERE target = :target", Map.of("target", target));
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    return new Entry(rs.getString("target"), rs.getString("ticket_id"), rs.getString("last_run_id"));
  }
}
