package io.opsdesk.inspection.run;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetInspector;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Assets;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN step "inspect-asset" (one per asset, in parallel): inspects the asset with the inspector of
 * its type and stores every reading. An inspector that throws after its own retries, a missing
 * inspector or an asset gone from the inventory is a reading of severity UNKNOWN, never an
 * incident: one bad device must not stop the run. At most {@code max-parallel} inspections run at
 * once on this node; the others wait (holding their job executor thread).
 */
@Component("inspectAsset")
public class InspectAsset implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(InspectAsset.class);

  private final Assets assets;
  private final InspectionRecords records;
  private final Map<AssetType, AssetInspector> inspectors = new EnumMap<>(AssetType.class);
  private final Semaphore slots;

  public InspectAsset(Assets assets, InspectionRecords records, List<AssetInspector> inspectors,
      InspectionSettings settings) {
    this.assets = assets;
    this.records = records;
    // toMap-like: two inspectors for one type would leave the choice to chance.
    for (AssetInspector inspector : inspectors) {
      if (this.inspectors.put(inspector.type(), inspector) != null) {
        throw new IllegalStateException("Two inspectors for " + inspector.type());
      }
    }
    this.slots = new Semaphore(settings.getMaxParallel(), true);
  }

  @Override
  public void execute(DelegateExecution execution) throws InterruptedException {
    String runId = (String) execution.getVariable("runId");
    String assetId = (String) execution.getVariable("assetId");
    if (records.hasReadings(runId, assetId)) {
      return; // a retried job: this asset's readings were stored
    }
    List<Finding> findings;
    slots.acquire();
    try {
      findings = inspect(assetId);
    } finally {
      slots.release();
    }
    records.insertReadings(runId, findings, EngineClock.now());
  }

  List<Finding> inspect(String assetId) {
    Optional<Asset> found = assets.find(assetId);
    if (found.isEmpty()) {
      return List.of(new Finding(assetId, "inventory", Finding.Check.HEALTH.name(), Severity.UNKNOWN,
          "asset no longer in the inventory"));
    }
    Asset asset = found.get();
    AssetInspector inspector = inspectors.get(asset.type());
    if (inspector == null) {
      return List.of(failure(asset, "no inspector for " + asset.type() + " assets"));
    }
    try {
      List<Finding> findings = inspector.inspect(asset);
      return findings.isEmpty() ? List.of(failure(asset, "nothing to check")) : findings;
    } catch (RuntimeException e) {
      // The exception's message may carry a URL or a server's answer: logged, not stored.
      LOG.warn("Inspection of {} failed", assetId, e);
      return List.of(failure(asset, "inspection failed (" + e.getClass().getSimpleName() + ")"));
    }
  }

  /** A monitoring failure: the BMC of a server, the host of a network device could not be inspected. */
  private static Finding failure(Asset asset, String reading) {
    boolean server = asset.type() == AssetType.SERVER;
    return new Finding(asset.assetId(), server ? "BMC" : "host",
        server ? Finding.Check.BMC.name() : Finding.Check.PORT.name(), Severity.UNKNOWN, reading);
  }
}
