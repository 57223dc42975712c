package io.opsdesk.inspection.run;

import java.util.List;

import io.opsdesk.hardening.NameListStart;
import io.opsdesk.inspection.Assets;
import io.opsdesk.ticket.InputRules;
import org.springframework.stereotype.Component;

/**
 * The start rules of daily-inspection (see {@link NameListStart}): the only start variable is the
 * optional {@code assetIds}, inventory ids; unknown or malformed ids refuse the start, and without
 * ids every asset is inspected.
 */
@Component
public class ValidateInspectionStart extends NameListStart {

  static final String PROCESS_KEY = "daily-inspection";
  static final String ASSET_IDS = "assetIds";

  private final Assets assets;

  public ValidateInspectionStart(Assets assets) {
    super(PROCESS_KEY, ASSET_IDS, "asset ids");
    this.assets = assets;
  }

  @Override
  protected String problem(List<String> ids) {
    if (ids.stream().anyMatch(id -> InputRules.check("assetId", id) != null)) {
      return "must be a list of asset ids (letters, digits, . _ @ -)";
    }
    List<String> unknown = ids.stream().filter(id -> assets.find(id).isEmpty()).toList();
    return unknown.isEmpty() ? null : "names assets not in the inventory: " + String.join(", ", unknown);
  }
}
