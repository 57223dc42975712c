package io.opsdesk.backup;

import java.util.List;

import io.opsdesk.hardening.NameListStart;
import org.springframework.stereotype.Component;

/**
 * The start rules of data-backup (see {@link NameListStart}): the only start variable is the
 * optional {@code targets}, configured target names; without it every target is backed up. A run
 * id, a path or a password would stand in for what the run takes from configuration, and is refused.
 */
@Component
public class ValidateBackupStart extends NameListStart {

  static final String PROCESS_KEY = "data-backup";
  static final String TARGETS = "targets";

  private final BackupTargets targets;

  public ValidateBackupStart(BackupTargets targets) {
    super(PROCESS_KEY, TARGETS, "target names");
    this.targets = targets;
  }

  @Override
  protected String problem(List<String> names) {
    List<String> known = targets.all().stream().map(BackupTarget::name).toList();
    List<String> unknown = names.stream().filter(name -> !known.contains(name)).toList();
    return unknown.isEmpty() ? null
        : "names no configured target: " + String.join(", ", unknown) + " (known: " + String.join(", ", known) + ")";
  }
}
