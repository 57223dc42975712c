package io.opsdesk.hardening;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.Spin;
import org.camunda.spin.SpinRuntimeException;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Start rules of a run whose only start variable is an optional list of names (the assets to
 * inspect, the targets to back up): anything else a start sends would stand in for what the run
 * computes itself, and is refused. The list may come as a list, a JSON array (Spin, as the engine
 * REST API's type Json gives it, or text) or a text of names separated by commas or blanks
 * (Tasklist's start form). A valid list is stored as a plain list of distinct names; without one
 * the variable is removed and the run takes everything.
 */
public abstract class NameListStart implements StartRules {

  private final String processKey;
  private final String variable;
  private final String noun;

  /** @param noun what the names are, for messages: "asset ids", "target names" */
  protected NameListStart(String processKey, String variable, String noun) {
    this.processKey = processKey;
    this.variable = variable;
    this.noun = noun;
  }

  /** What is wrong with these names (malformed, unknown), or null when every one is fine. */
  protected abstract String problem(List<String> names);

  @Override
  public final String processKey() {
    return processKey;
  }

  @Override
  public final void check(DelegateExecution start) {
    Map<String, String> errors = new LinkedHashMap<>();
    StartRules.refuseOthers(start, processKey, Set.of(variable), variable, errors);
    Object given = start.getVariable(variable);
    List<String> names = InputRules.isBlank(given) ? List.of() : names(given);
    if (names == null) {
      errors.put(variable, "must be a list of " + noun);
    } else if (!names.isEmpty()) {
      String problem = problem(names);
      if (problem != null) {
        errors.put(variable, problem);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Start of " + processKey + " refused", errors);
    }
    if (names.isEmpty()) {
      start.removeVariable(variable);
    } else {
      start.setVariable(variable, new ArrayList<>(names));
    }
  }

  /** The distinct trimmed names, or null when the value is no list of non-empty texts. */
  private static List<String> names(Object given) {
    Collection<?> items = items(given);
    if (items == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Object item : items) {
      if (!(item instanceof String text) || text.isBlank()) {
        return null;
      }
      names.add(text.trim());
    }
    return List.copyOf(names);
  }

  private static Collection<?> items(Object given) {
    if (given instanceof Collection<?> list) {
      return list;
    }
    SpinJsonNode json;
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
    } else {
      return null;
    }
    if (!json.isArray()) {
      return null;
    }
    List<Object> items = new ArrayList<>();
    for (SpinJsonNode item : json.elements()) {
      items.add(item.isString() ? item.stringValue() : item);
    }
    return items;
  }
}
