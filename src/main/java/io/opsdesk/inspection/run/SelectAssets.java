package io.opsdesk.inspection.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.Assets;
import io.opsdesk.model.RunIds;
import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "select-assets": opens the run's record (run id = business key) and lists the assets
 * to inspect: those the start named, else the whole inventory. A retried step finds its run. Run
 * ids: see {@link RunIds} (INS-20261202-0730).
 */
@Component("selectAssets")
public class SelectAssets implements JavaDelegate {

  private final Assets assets;
  private final InspectionRecords records;
  private final RunIds runIds;

  public SelectAssets(Assets assets, InspectionRecords records, RunIds runIds) {
    this.assets = assets;
    this.records = records;
    this.runIds = runIds;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    String instanceId = execution.getProcessInstanceId();
    String runId = records.runOfInstance(instanceId).map(InspectionRecords.Run::runId).orElseGet(() -> {
      Instant now = EngineClock.now();
      String id = runIds.next(ValidateInspectionStart.PROCESS_KEY, "INS");
      records.insertRun(id, instanceId, now);
      return id;
    });
    execution.getProcessInstance().setProcessBusinessKey(runId);
    execution.setVariable("runId", runId);
    Object named = execution.getVariable(ValidateInspectionStart.ASSET_IDS);
    List<String> ids = named instanceof List<?> list ? new ArrayList<>((List<String>) list)
        : new ArrayList<>(assets.all().stream().map(Asset::assetId).sorted().toList());
    execution.setVariable(ValidateInspectionStart.ASSET_IDS, ids);
  }
}
