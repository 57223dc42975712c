package io.opsdesk.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsdesk.hardening.StartRules;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The start rules of data-restore (see {@link StartRules}): {@code target}, a configured target with
 * at least one verified backup, and {@code restoreReason}, both required. {@code requester} is set by
 * the engine to the signed-in person who starts it ({@code camunda:initiator}); a start without a
 * signed-in person, or one that sends a requester of its own, is refused, as is anything else a start
 * might send (a restore id, a backup, a location): the process finds those itself.
 */
@Component
public class ValidateRestoreStart implements StartRules {

  static final String PROCESS_KEY = "data-restore";
  static final String TARGET = "target";
  static final String REASON = "restoreReason";
  static final String REQUESTER = "requester";
  private static final Set<String> VARIABLES = Set.of(TARGET, REASON, REQUESTER);

  private final BackupTargets targets;
  private final RestorableBackups backups;
  private final IdentityService identity;

  public ValidateRestoreStart(BackupTargets targets, RestorableBackups backups, IdentityService identity) {
    this.targets = targets;
    this.backups = backups;
    this.identity = identity;
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public void check(DelegateExecution start) {
    Map<String, String> errors = new LinkedHashMap<>();
    StartRules.refuseOthers(start, PROCESS_KEY, VARIABLES, TARGET + " and " + REASON, errors);
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      errors.put(REQUESTER, "is the signed-in person who asks for the restore; nobody is signed in");
    } else if (!caller.getUserId().equals(start.getVariable(REQUESTER))) {
      errors.put(REQUESTER, "is the signed-in person who asks for the restore, not a start variable");
    }
    Object target = start.getVariable(TARGET);
    List<String> known = targets.all().stream().map(BackupTarget::name).toList();
    if (InputRules.isBlank(target)) {
      errors.put(TARGET, "is required");
    } else if (!known.contains(target)) {
      errors.put(TARGET, "names no configured target (known: " + String.join(", ", known) + ")");
    } else if (backups.of((String) target).isEmpty()) {
      errors.put(TARGET, "has no verified backup to restore from");
    }
    Object reason = start.getVariable(REASON);
    String problem = InputRules.isBlank(reason) ? "is required" : InputRules.check(REASON, reason);
    if (problem != null) {
      errors.put(REASON, problem);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Start of " + PROCESS_KEY + " refused", errors);
    }
  }
}
