package io.opsdesk.inspection.run;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.Assets;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.run.InspectionRecords.Reading;
import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "finish-inspection-run": writes the run's end and counts, and prepares the review when
 * anything was not OK: {@code anomalyCount}, {@code reviewGroups} (the owner groups of the assets
 * with anomalies, comma-separated, the review task's candidates; supervisors when no asset names
 * one) and {@code findingsSummary} (the text the review form shows).
 */
@Component("finishInspectionRun")
public class FinishInspectionRun implements JavaDelegate {

  /** What the review form shows at most (a String variable holds 4,000 characters). */
  static final int MAX_SUMMARY = 4000;

  private final InspectionRecords records;
  private final Assets assets;

  public FinishInspectionRun(InspectionRecords records, Assets assets) {
    this.records = records;
    this.assets = assets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable("runId");
    List<?> assetIds = (List<?>) execution.getVariable(ValidateInspectionStart.ASSET_IDS);
    records.finish(runId, assetIds == null ? 0 : assetIds.size(), EngineClock.now());
    List<Reading> anomalies = records.readings(runId).stream().filter(r -> r.severity() != Severity.OK).toList();
    TreeSet<String> groups = new TreeSet<>();
    anomalies.stream().map(Reading::assetId).distinct()
        .map(id -> assets.find(id).map(Asset::ownerGroup).orElse(null))
        .filter(Objects::nonNull).filter(g -> !g.isBlank()).forEach(groups::add);
    if (groups.isEmpty()) {
      groups.add(OpsDeskGroups.SUPERVISORS);
    }
    execution.setVariable("anomalyCount", anomalies.size());
    execution.setVariable("reviewGroups", String.join(",", groups));
    execution.setVariable("findingsSummary", summary(runId, anomalies));
  }

  private static String summary(String runId, List<Reading> anomalies) {
    StringBuilder text = new StringBuilder(runId).append(": ").append(anomalies.size())
        .append(anomalies.size() == 1 ? " finding" : " findings").append(" not OK");
    for (Reading reading : anomalies) {
      String line = "\n" + reading.assetId() + " · " + OpenAnomalyTickets.line(reading)
          + (reading.ticketId() == null ? "" : " → " + reading.ticketId());
      if (text.length() + line.length() > MAX_SUMMARY - 40) {
        text.append("\n… more in GET /api/inspections/").append(runId);
        break;
      }
      text.append(line);
    }
    return text.toString();
  }
}
