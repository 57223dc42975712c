package io.opsdesk.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.opsdesk.backup.BackupOpenTickets.Entry;
import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.backup.BackupRecords.Status;
import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.MonitoringTickets;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "report-backup-problems", the run's last: a failed backup, a failed verification or a stale
 * target (from check-freshness) opens ONE DATA service request per target, channel MONITORING, through
 * {@link MonitoringTickets}. While that ticket is not CLOSED, later problems of the target add a journal
 * line to it instead; a later verified backup of the target journals that it recovered and frees the
 * target for a new ticket. All in the job's one transaction with the entries of backup_open_ticket; the
 * entry remembers the run that last reported, so a step run again for the same run adds nothing.
 */
@Component("reportBackupProblems")
public class ReportBackupProblems implements JavaDelegate {

  /** Journal actor of what the backup writes. */
  static final String ACTOR = "backup";
  static final String REQUESTER = "OpsDesk 备份 Data backup";

  private final BackupRecords records;
  private final BackupOpenTickets openTickets;
  private final BackupFreshness freshness;
  private final BackupTargets targets;
  private final MonitoringTickets monitoringTickets;
  private final TicketRepository tickets;
  private final TicketJournal journal;

  public ReportBackupProblems(BackupRecords records, BackupOpenTickets openTickets, BackupFreshness freshness,
      BackupTargets targets, MonitoringTickets monitoringTickets, TicketRepository tickets, TicketJournal journal) {
    this.records = records;
    this.openTickets = openTickets;
    this.freshness = freshness;
    this.targets = targets;
    this.monitoringTickets = monitoringTickets;
    this.tickets = tickets;
    this.journal = journal;
  }

  /** One thing wrong with a target in this run: its journal kind and the words for it. */
  record Problem(String kind, String text) {
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable(SelectBackupTargets.RUN_ID);
    List<String> stale = (List<String>) execution.getVariable(CheckFreshness.STALE_TARGETS);
    TreeSet<String> concerned = new TreeSet<>((List<String>) execution.getVariable(ValidateBackupStart.TARGETS));
    concerned.addAll(stale);
    Instant now = EngineClock.now();
    for (String name : concerned) {
      Optional<Backup> backup = records.find(runId, name);
      List<Problem> problems = new ArrayList<>();
      backup.filter(b -> b.status() == Status.FAILED).ifPresent(b -> problems.add(b.verifiedAt() != null
          ? new Problem("BACKUP_VERIFICATION_FAILED", "The backup " + runId + " of " + name + " failed its verification: "
              + b.error())
          : new Problem("BACKUP_FAILED", "The backup " + runId + " of " + name + " failed: " + b.error())));
      if (stale.contains(name)) {
        targets.find(name).ifPresent(target -> problems.add(new Problem("BACKUP_STALE",
            "Found by run " + runId + ": " + freshness.of(target, now).problem())));
      }
      report(runId, name, problems, backup.filter(Backup::verified).isPresent(), now);
    }
  }

  private void report(String runId, String target, List<Problem> problems, boolean verified, Instant now) {
    Optional<Entry> entry = openTickets.lock(target);
    if (entry.isPresent() && runId.equals(entry.get().lastRunId())) {
      return; // reported by this step before
    }
    if (entry.isPresent() && tickets.find(entry.get().ticketId()).map(t -> t.status() == TicketStatus.CLOSED).orElse(true)) {
      openTickets.release(target); // its ticket is closed: a new problem opens a new one
      entry = Optional.empty();
    }
    if (entry.isPresent()) {
      String ticketId = entry.get().ticketId();
      if (problems.isEmpty() && verified) {
        journal.record(ticketId, ACTOR, "BACKUP_RECOVERED", "The backup " + runId + " of " + target
            + " was made and verified: recovered. A new problem will open a new ticket.");
        openTickets.release(target);
      } else if (!problems.isEmpty()) {
        problems.forEach(p -> journal.record(ticketId, ACTOR, p.kind(), p.text()));
        openTickets.reported(target, runId);
      }
      return;
    }
    if (problems.isEmpty()) {
      return;
    }
    boolean staleToo = problems.stream().anyMatch(p -> p.kind().equals("BACKUP_STALE"));
    String subject = "Backup: " + target + " — " + (staleToo ? "no recent verified backup"
        : problems.get(0).kind().equals("BACKUP_FAILED") ? "backup failed" : "verification failed");
    StringBuilder description = new StringBuilder("Data backup run ").append(runId).append(" found problems with the ")
        .append("backups of target ").append(target).append(':');
    problems.forEach(p -> description.append("\n- ").append(p.text()));
    description.append("\nSee GET /api/backups and /api/backups/targets.");
    // Stale: the data of the target cannot be restored to a recent point; one failed backup: the previous one still is.
    String ticketId = monitoringTickets.open(new MonitoringTickets.Alert(REQUESTER, target, subject,
        description.toString(), null, "DATA", staleToo ? "HIGH" : "MEDIUM", "MEDIUM"));
    openTickets.insert(target, ticketId, runId, now);
  }
}
