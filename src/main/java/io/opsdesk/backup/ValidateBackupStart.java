package io.opsdesk.backup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsdesk.hardening.StartRules;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The start rules of data-backup (see {@link StartRules}): the only start variable is the optional
 * {@code targets}, a list of configured target names (from Tasklist's start form a text of names
 * separated by commas or blanks). Without it every target is backed up. Anything else (a run id, a
 * path, a password) would stand in for what the run takes from configuration, and is refused.
 */
@Component
public class ValidateBackupStart implements StartRules {

  static final String PROCESS_KEY = "data-backup";
  static final String TARGETS = "targets";

  private final BackupTargets targets;

  public ValidateBackupStart(BackupTargets targets) {
    this.targets = targets;
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public void check(DelegateExecution start) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (String name : start.getVariableNames()) {
      if (!TARGETS.equals(name)) {
        errors.put(name, "is not a start variable of " + PROCESS_KEY + " (only targets)");
      }
    }
    Object given = start.getVariable(TARGETS);
    List<String> names = InputRules.isBlank(given) ? List.of() : names(given, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Start of " + PROCESS_KEY + " refused", errors);
    }
    if (names.isEmpty()) {
      start.removeVariable(TARGETS);
    } else {
      start.setVariable(TARGETS, new ArrayList<>(names));
    }
  }

  private List<String> names(Object given, Map<String, String> errors) {
    Collection<?> items = given instanceof Collection<?> list ? list
        : given instanceof String text ? List.of(text.trim().split("[,;\\s]+")) : null;
    if (items == null) {
      errors.put(TARGETS, "must be a list of target names");
      return List.of();
    }
    Set<String> known = new LinkedHashSet<>(targets.all().stream().map(BackupTarget::name).toList());
    Set<String> names = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String name) || !known.contains(name.trim())) {
        unknown.add(String.valueOf(item));
      } else {
        names.add(name.trim());
      }
    }
    if (!unknown.isEmpty()) {
      errors.put(TARGETS, "names no configured target: " + String.join(", ", unknown) + " (known: "
          + String.join(", ", known) + ")");
    }
    return List.copyOf(names);
  }
}
