package io.opsdesk.inspection.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.identity.Caller;
import io.opsdesk.inspection.run.InspectionRecords.Run;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The inspection record: runs and their readings, for staff (service desk, support groups, supervisors, administrators). */
@RestController
@RequestMapping("/api/inspections")
public class InspectionController {

  static final int MAX_RUNS = 100;

  private final InspectionRecords records;

  public InspectionController(InspectionRecords records) {
    this.records = records;
  }

  /** The latest runs, newest first. */
  @GetMapping
  public List<Map<String, Object>> runs(Authentication caller) {
    requireStaff(caller);
    return records.runs(MAX_RUNS).stream().map(InspectionController::summary).toList();
  }

  @GetMapping("/{runId}")
  public Map<String, Object> run(@PathVariable String runId, Authentication caller) {
    requireStaff(caller);
    Run run = records.run(runId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No inspection run " + runId));
    Map<String, Object> body = summary(run);
    body.put("findings", records.readings(runId).stream().map(r -> {
      Map<String, Object> finding = new LinkedHashMap<>();
      finding.put("assetId", r.assetId());
      finding.put("component", r.component());
      finding.put("check", r.check());
      finding.put("severity", r.severity().name());
      finding.put("reading", r.reading());
      finding.put("ticketId", r.ticketId());
      return finding;
    }).toList());
    return body;
  }

  private static void requireStaff(Authentication caller) {
    if (!Caller.isStaff(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Inspection records are for staff");
    }
  }

  private static Map<String, Object> summary(Run run) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", run.runId());
    body.put("startedAt", run.startedAt());
    body.put("finishedAt", run.finishedAt());
    body.put("assets", run.assets());
    // Readings by severity; the run's detail lists the readings themselves under "findings".
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("OK", run.ok());
    counts.put("WARNING", run.warning());
    counts.put("CRITICAL", run.critical());
    counts.put("UNKNOWN", run.unknown());
    body.put("counts", counts);
    body.put("newTickets", run.newTickets());
    body.put("reviewer", run.reviewer());
    body.put("reviewedAt", run.reviewedAt());
    body.put("remark", run.remark());
    return body;
  }
}
