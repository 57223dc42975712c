package io.opsdesk.inspection;

import java.util.List;

/**
 * Inspects one asset now; one bean per asset type. A device that cannot be inspected (unreachable,
 * refusing, too slow, unreadable) is a finding with severity UNKNOWN, never an exception: one failing
 * device must not fail the run. Transient errors are retried briefly inside; the whole call is
 * bounded in time.
 */
public interface AssetInspector {

  /** The kind of asset this inspector handles. */
  AssetType type();

  /** Every reading of the asset, the OK ones too, so that the inspection log is complete. */
  List<Finding> inspect(Asset asset);
}
