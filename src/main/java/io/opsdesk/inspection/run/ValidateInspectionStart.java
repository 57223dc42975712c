package io.opsdesk.inspection.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsdesk.hardening.StartRules;
import io.opsdesk.inspection.Assets;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.Spin;
import org.camunda.spin.SpinRuntimeException;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * The start rules of daily-inspection (see {@link StartRules}): the only start variable is the
 * optional {@code assetIds}, a list of inventory ids (or a JSON array; from Tasklist's start form a
 * text of ids separated by commas or blanks). Unknown or malformed ids refuse the start; without ids every
 * asset is inspected. Anything else a start sends would stand in for what the run computes itself.
 */
@Component
public class ValidateInspectionStart implements StartRules {

  static final String PROCESS_KEY = "daily-inspection";
  static final String ASSET_IDS = "assetIds";

  private final Assets assets;

  public ValidateInspectionStart(Assets assets) {
    this.assets = assets;
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public void check(DelegateExecution start) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (String name : start.getVariableNames()) {
      if (!ASSET_IDS.equals(name)) {
        errors.put(name, "is not a start variable of " + PROCESS_KEY + " (only assetIds)");
      }
    }
    Object given = start.getVariable(ASSET_IDS);
    List<String> ids = InputRules.isBlank(given) ? List.of() : assetIds(given, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Start of " + PROCESS_KEY + " refused", errors);
    }
    if (ids.isEmpty()) {
      start.removeVariable(ASSET_IDS);
    } else {
      start.setVariable(ASSET_IDS, new ArrayList<>(ids));
    }
  }

  private List<String> assetIds(Object given, Map<String, String> errors) {
    Collection<?> items = items(given);
    if (items == null) {
      errors.put(ASSET_IDS, "must be a list of asset ids");
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (Object item : items) {
      String id = item instanceof String s ? s.trim() : null;
      if (id == null || InputRules.check("assetId", id) != null || id.isEmpty()) {
        errors.put(ASSET_IDS, "must be a list of asset ids (letters, digits, . _ @ -)");
        return List.of();
      }
      if (assets.find(id).isEmpty()) {
        unknown.add(id);
      }
      ids.add(id);
    }
    if (!unknown.isEmpty()) {
      errors.put(ASSET_IDS, "names assets not in the inventory: " + String.join(", ", unknown));
    }
    return List.copyOf(ids);
  }

  /**
   * The items of a list, a JSON array (Spin, as the engine REST API's type Json gives it, or text) or
   * a text of ids separated by commas or blanks (Tasklist's start form); null for anything else.
   * Items that are not strings stay as they are and are refused by the caller.
   */
  private static Collection<?> items(Object given) {
    if (given instanceof Collection<?> list) {
      return list;
    }
    SpinJsonNode json = null;
    if (given instanceof SpinJsonNode node) {
      json = node;
    } else if (given instanceof String text && text.trim().startsWith("[")) {
      try {
        json = Spin.JSON(text);
      } catch (SpinRuntimeException e) {
        return null;
      }
    } else if (given instanceof String text) {
      return List.of(text.trim().split("[,;\\s]+"));
    }
    if (json == null || !json.isArray()) {
      return null;
    }
    List<Object> items = new ArrayList<>();
    for (SpinJsonNode item : json.elements()) {
      items.add(item.isString() ? item.stringValue() : item);
    }
    return items;
  }
}
