package io.opsdesk.inspection.run;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health detail {@code inspection}: whether the latest finished daily inspection could read every
 * asset. A BMC or device that could not be inspected gives the status {@code UNREACHABLE}, which is
 * not in the aggregation order and so never makes the application DOWN (contract: a failing BMC is
 * reported in its own health detail); before the first run it is UNKNOWN.
 */
@Component("inspectionHealthIndicator")
public class InspectionHealthIndicator implements HealthIndicator {

  public static final Status UNREACHABLE = new Status("UNREACHABLE", "Assets could not be inspected in the latest run");

  private final InspectionRecords records;

  public InspectionHealthIndicator(InspectionRecords records) {
    this.records = records;
  }

  @Override
  public Health health() {
    Optional<InspectionRecords.Run> last = records.lastFinishedRun();
    if (last.isEmpty()) {
      return Health.unknown().withDetail("lastRun", "none yet").build();
    }
    List<String> uninspectable = records.uninspectableAssets(last.get().runId());
    return (uninspectable.isEmpty() ? Health.up() : Health.status(UNREACHABLE).withDetail("uninspectable", uninspectable))
        .withDetail("lastRun", last.get().runId())
        .withDetail("finishedAt", String.valueOf(last.get().finishedAt()))
        .build();
  }
}
