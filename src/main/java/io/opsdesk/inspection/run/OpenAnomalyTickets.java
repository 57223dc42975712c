package io.opsdesk.inspection.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.Assets;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.run.InspectionRecords.OpenTicket;
import io.opsdesk.inspection.run.InspectionRecords.Reading;
import io.opsdesk.inspection.run.InspectionTriage.Outcome;
import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.MonitoringTickets;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "open-anomaly-tickets": turns the run's anomalies into service requests, in the job's
 * one transaction. Per asset, readings the triage table wants a ticket for and that no open ticket
 * covers (de-duplication key: asset + component + check) open ONE new request, channel MONITORING;
 * a reading an open ticket covers adds a line to that ticket's journal instead. A healthy reading
 * counts towards the covering ticket's recovery. New tickets beyond the per-run cap share one
 * summary ticket. A retried step finds its readings linked to their tickets and its
 * de-duplication entries marked with this run, and does nothing twice.
 */
@Component("openAnomalyTickets")
public class OpenAnomalyTickets implements JavaDelegate {

  /** Journal actor of what the inspection writes. */
  public static final String ACTOR = "inspection";
  static final String REQUESTER = "OpsDesk 巡检 Daily inspection";

  private final InspectionRecords records;
  private final InspectionTriage triage;
  private final InspectionSettings settings;
  private final Assets assets;
  private final MonitoringTickets monitoringTickets;
  private final TicketRepository tickets;
  private final TicketJournal journal;

  public OpenAnomalyTickets(InspectionRecords records, InspectionTriage triage, InspectionSettings settings,
      Assets assets, MonitoringTickets monitoringTickets, TicketRepository tickets, TicketJournal journal) {
    this.records = records;
    this.triage = triage;
    this.settings = settings;
    this.assets = assets;
    this.monitoringTickets = monitoringTickets;
    this.tickets = tickets;
    this.journal = journal;
  }

  /** A reading that wants a ticket, with the triage table's outcome. */
  record Anomaly(Reading reading, Outcome outcome) {
  }

  @Override
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable("runId");
    InspectionRecords.Run run = records.run(runId).orElseThrow();
    Instant now = EngineClock.now();
    Map<String, List<Reading>> byAsset = records.readings(runId).stream()
        .collect(Collectors.groupingBy(Reading::assetId, TreeMap::new, Collectors.toList()));
    int opened = run.newTickets();
    Map<String, List<Anomaly>> overflow = new LinkedHashMap<>();
    for (Map.Entry<String, List<Reading>> asset : byAsset.entrySet()) {
      List<Anomaly> fresh = followOpenTickets(runId, asset.getKey(), asset.getValue(), now);
      if (fresh.isEmpty()) {
        continue;
      }
      if (opened < settings.getMaxNewTickets()) {
        openTicket(assetTicket(asset.getKey(), fresh), fresh, now);
        opened++;
      } else {
        overflow.put(asset.getKey(), fresh);
      }
    }
    if (!overflow.isEmpty()) {
      List<Anomaly> all = overflow.values().stream().flatMap(List::stream).toList();
      openTicket(summaryTicket(runId, overflow), all, now);
      opened++;
    }
    records.setNewTickets(runId, opened);
  }

  /**
   * Follows up the asset's open tickets with this run's readings and answers the anomalies that need
   * a new ticket.
   */
  private List<Anomaly> followOpenTickets(String runId, String assetId, List<Reading> readings, Instant now) {
    Map<String, OpenTicket> open = new HashMap<>();
    for (OpenTicket entry : records.lockOpenTickets(assetId)) {
      open.put(entry.component() + "\n" + entry.check(), entry);
    }
    List<Anomaly> fresh = new ArrayList<>();
    for (Reading reading : readings) {
      OpenTicket entry = open.get(reading.component() + "\n" + reading.check());
      if (reading.ticketId() != null || entry != null && runId.equals(entry.lastRunId())) {
        continue; // handled by this step before (a retry)
      }
      Optional<Ticket> covering = entry == null ? Optional.empty() : tickets.find(entry.ticketId());
      if (entry != null && covering.map(t -> t.status() == TicketStatus.CLOSED).orElse(true)) {
        records.release(entry); // its ticket is closed: a new anomaly opens a new one
        entry = null;
      }
      if (reading.severity() == Severity.OK) {
        if (entry != null) {
          healthy(entry, runId);
        }
      } else if (entry != null) {
        seenAgain(entry, reading, now);
      } else {
        Outcome outcome = triage.decide(reading.check(), reading.component(), reading.severity().name());
        if (outcome.openTicket()) {
          fresh.add(new Anomaly(reading, outcome));
        }
      }
    }
    return fresh;
  }

  private void healthy(OpenTicket entry, String runId) {
    if (entry.healthyRuns() + 1 >= settings.getRecoveredAfter()) {
      journal.record(entry.ticketId(), ACTOR, "INSPECTION_RECOVERED", entry.component() + " (" + entry.check()
          + ") of " + entry.assetId() + " recovered: healthy in " + (entry.healthyRuns() + 1)
          + " consecutive inspections, the last " + runId + ". A new anomaly will open a new ticket.");
      records.release(entry);
    } else {
      records.seenHealthy(entry, runId);
    }
  }

  private void seenAgain(OpenTicket entry, Reading reading, Instant now) {
    Severity severity = entry.severity().worse(reading.severity());
    String raised = severity != entry.severity() ? " Severity raised from " + entry.severity() + " to " + severity + "." : "";
    journal.record(entry.ticketId(), ACTOR, "INSPECTION_REPEATED", "Seen again in " + reading.runId() + ": "
        + line(reading) + "\nSeen " + (entry.seenCount() + 1) + " times since " + entry.firstSeenAt() + ", last "
        + now + "." + raised);
    records.seenAgain(entry, severity, reading.runId(), now);
    records.linkTicket(reading.id(), entry.ticketId());
  }

  /** Subject and description of one asset's ticket. */
  private TicketText assetTicket(String assetId, List<Anomaly> fresh) {
    boolean monitoringFailure = fresh.stream().anyMatch(a -> Finding.Check.BMC.name().equals(a.reading().check())
        && a.reading().severity() == Severity.UNKNOWN);
    String subject = "Inspection: " + assetId + " — " + (monitoringFailure ? "monitoring failure (BMC not readable)"
        : fresh.size() + (fresh.size() == 1 ? " finding" : " findings"));
    Optional<Asset> asset = assets.find(assetId);
    StringBuilder text = new StringBuilder("Daily inspection ").append(fresh.get(0).reading().runId()).append(" found on ")
        .append(assetId).append(asset.map(a -> a.location() == null ? "" : " (" + a.location() + ")").orElse(""))
        .append(monitoringFailure ? " a monitoring failure: the BMC could not be read, so the hardware was not checked." : ":");
    fresh.forEach(a -> text.append("\n- ").append(line(a.reading())));
    return new TicketText(assetId, subject, text.toString(), asset.map(Asset::location).orElse(null));
  }

  private TicketText summaryTicket(String runId, Map<String, List<Anomaly>> overflow) {
    String subject = "Inspection: " + overflow.size() + " more assets with findings (over the cap of "
        + settings.getMaxNewTickets() + " new tickets)";
    StringBuilder text = new StringBuilder("Daily inspection ").append(runId).append(" found more anomalies than ")
        .append(settings.getMaxNewTickets()).append(" new tickets may report. These assets share this ticket: ")
        .append(String.join(", ", overflow.keySet()));
    overflow.forEach((assetId, anomalies) -> {
      text.append("\n\n").append(assetId).append(':');
      anomalies.forEach(a -> text.append("\n- ").append(line(a.reading())));
    });
    return new TicketText(overflow.keySet().iterator().next(), subject, text.toString(), null);
  }

  record TicketText(String assetId, String subject, String description, String location) {
  }

  /** Starts the service request as the system (like the mail intake) and records what it covers. */
  private void openTicket(TicketText text, List<Anomaly> anomalies, Instant now) {
    Anomaly worst = anomalies.get(0);
    for (Anomaly a : anomalies) {
      Severity severity = a.reading().severity();
      Severity worstSoFar = worst.reading().severity();
      if (severity != worstSoFar ? severity.worse(worstSoFar) == severity : a.outcome().weight() > worst.outcome().weight()) {
        worst = a;
      }
    }
    String impact = anomalies.stream().map(a -> a.outcome().impact()).reduce("LOW", Outcome::higher);
    String urgency = anomalies.stream().map(a -> a.outcome().urgency()).reduce("LOW", Outcome::higher);
    String ticketId = monitoringTickets.open(new MonitoringTickets.Alert(REQUESTER, text.assetId(), text.subject(),
        text.description(), text.location(), worst.outcome().category(), impact, urgency));
    Set<String> covered = new HashSet<>();
    for (Anomaly anomaly : anomalies) {
      Reading reading = anomaly.reading();
      // An inspector may report one part twice; one de-duplication entry covers both readings.
      if (covered.add(reading.assetId() + "\n" + reading.component() + "\n" + reading.check())) {
        records.insertOpenTicket(reading, ticketId, now);
      }
      records.linkTicket(reading.id(), ticketId);
    }
  }

  /** "CPU1 Temp [TEMPERATURE] CRITICAL: 92 °C" */
  static String line(Reading reading) {
    return reading.component() + " [" + reading.check() + "] " + reading.severity()
        + (reading.reading() == null ? "" : ": " + reading.reading());
  }
}
