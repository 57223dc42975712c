package io.opsdesk.backup;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of user task "choose-backup": the backup must be one of the target's verified backups
 * (asked again now, not taken from the offered list, which the form only shows), and SWITCH_IN only
 * where the live database can be replaced while OpsDesk runs: never OpsDesk's own database, never an
 * H2 database that is not an embedded file.
 */
@Component("chooseBackup")
public class ChooseBackup implements TaskListener {

  static final String BACKUP_RUN_ID = "backupRunId";
  static final String MODE = "restoreMode";
  static final String NEW = "NEW";
  static final String SWITCH_IN = "SWITCH_IN";

  private final RestorableBackups backups;
  private final BackupTargets targets;
  private final RestoreRecords records;

  public ChooseBackup(RestorableBackups backups, BackupTargets targets, RestoreRecords records) {
    this.backups = backups;
    this.targets = targets;
    this.records = records;
  }

  @Override
  public void notify(DelegateTask task) {
    String target = (String) task.getVariable(ValidateRestoreStart.TARGET);
    Object runId = task.getVariable(BACKUP_RUN_ID);
    Object mode = task.getVariable(MODE);
    Map<String, String> errors = new LinkedHashMap<>();
    if (backups.of(target).stream().noneMatch(backup -> backup.runId().equals(runId))) {
      errors.put(BACKUP_RUN_ID, "is not one of the verified backups of " + target + " (" + runId + ")");
    }
    if (SWITCH_IN.equals(mode)) {
      String refusal = switchInRefusal(target);
      if (refusal != null) {
        errors.put(MODE, refusal);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " not completed", errors);
    }
    records.chosen((String) task.getVariable(RecordRestoreRequest.RESTORE_ID), RestoreRecords.actor(task), (String) runId,
        (String) mode, "Backup " + runId + " chosen, " + (NEW.equals(mode) ? "to be handed over as a new copy beside the live one"
            : "to be switched in for the live one, which is kept aside"));
  }

  private String switchInRefusal(String target) {
    if (BackupTargets.OWN.equals(target)) {
      return "SWITCH_IN is not offered for opsdesk, the database this running OpsDesk uses: choose NEW, then switch the "
          + "copy in by hand with OpsDesk stopped (README, Restoring data)";
    }
    BackupTarget configured = targets.find(target).orElseThrow();
    if (configured.kind() == BackupTarget.Kind.H2 && !H2Backup.switchable(configured)) {
      return "SWITCH_IN needs an embedded H2 file database, which " + target + " is not: choose NEW";
    }
    return null;
  }
}
