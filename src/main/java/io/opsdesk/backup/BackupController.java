package io.opsdesk.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.identity.Caller;
import io.opsdesk.ticket.EngineClock;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The backup record, for staff (service desk, support groups, supervisors, administrators). */
@RestController
@RequestMapping("/api/backups")
public class BackupController {

  static final int MAX_BACKUPS = 200;
  static final Duration RATE_PERIOD = Duration.ofDays(30);

  private final BackupRecords records;
  private final BackupFreshness freshness;
  private final BackupOpenTickets openTickets;

  public BackupController(BackupRecords records, BackupFreshness freshness, BackupOpenTickets openTickets) {
    this.records = records;
    this.freshness = freshness;
    this.openTickets = openTickets;
  }

  /** The latest finished backups, newest first (one per target and run). */
  @GetMapping
  public List<Map<String, Object>> backups(Authentication caller) {
    staffOnly(caller);
    return records.finished(MAX_BACKUPS).stream().map(BackupController::body).toList();
  }

  private static Map<String, Object> body(Backup backup) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", backup.runId());
    body.put("target", backup.target());
    body.put("startedAt", backup.startedAt());
    body.put("finishedAt", backup.finishedAt());
    body.put("status", backup.status().name());
    body.put("path", backup.path());
    body.put("sizeBytes", backup.sizeBytes());
    body.put("sha256", backup.sha256());
    body.put("verified", backup.verified());
    body.put("verifiedAt", backup.verifiedAt());
    body.put("error", backup.error());
    body.put("prunedAt", backup.prunedAt());
    return body;
  }

  /**
   * Per configured target, for the reports: its kind, newest verified backup still in the store, its age
   * and max-age, whether it is fresh, the success rate over the last 30 days (finished dumps that were
   * made and verified ÷ finished dumps, null without any) and the open DATA ticket of its problems.
   */
  @GetMapping("/targets")
  public List<Map<String, Object>> targets(Authentication caller) {
    staffOnly(caller);
    Instant now = EngineClock.now();
    return freshness.all(now).stream().map(state -> {
      String name = state.target().name();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("target", name);
      body.put("kind", state.target().kind().name());
      body.put("newestVerified", state.newest().map(b -> {
        Map<String, Object> newest = new LinkedHashMap<>();
        newest.put("runId", b.runId());
        newest.put("finishedAt", b.finishedAt());
        newest.put("path", b.path());
        return newest;
      }).orElse(null));
      body.put("age", state.age() == null ? null : state.age().toString());
      body.put("every", state.policy().every().toString());
      body.put("maxAge", state.policy().maxAge().toString());
      body.put("fresh", state.fresh());
      BackupRecords.Tally tally = records.tally(name, now.minus(RATE_PERIOD));
      body.put("successRate", tally.rate());
      body.put("finishedLast30Days", tally.finished());
      body.put("openTicketId", openTickets.ticketId(name).orElse(null));
      return body;
    }).toList();
  }

  private static void staffOnly(Authentication caller) {
    if (!Caller.isStaff(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Backup records are for staff");
    }
  }
}
