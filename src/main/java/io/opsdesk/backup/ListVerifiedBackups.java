package io.opsdesk.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;

/**
 * BPMN step "list-verified-backups": the target's verified backups, newest first, as the JSON list
 * of {label, value} that the choose-backup form's select shows ({@code backupOptions}).
 */
@Component("listVerifiedBackups")
public class ListVerifiedBackups implements JavaDelegate {

  static final String OPTIONS = "backupOptions";

  private final RestorableBackups backups;

  public ListVerifiedBackups(RestorableBackups backups) {
    this.backups = backups;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(OPTIONS, Spin.JSON(backups.options((String) execution.getVariable(ValidateRestoreStart.TARGET))));
  }
}
