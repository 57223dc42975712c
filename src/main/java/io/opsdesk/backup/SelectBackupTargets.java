package io.opsdesk.backup;

import java.util.ArrayList;
import java.util.List;

import io.opsdesk.model.RunIds;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "select-backup-targets": gives the run its id (= business key, see {@link RunIds}),
 * which also names the archives, and lists the targets: those the start named, else every
 * configured one.
 */
@Component("selectBackupTargets")
public class SelectBackupTargets implements JavaDelegate {

  static final String RUN_ID = "runId";
  private final BackupTargets targets;
  private final RunIds runIds;

  public SelectBackupTargets(BackupTargets targets, RunIds runIds) {
    this.targets = targets;
    this.runIds = runIds;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable(RUN_ID);
    if (runId == null) {
      runId = runIds.next(ValidateBackupStart.PROCESS_KEY, "BAK");
    }
    execution.getProcessInstance().setProcessBusinessKey(runId);
    execution.setVariable(RUN_ID, runId);
    Object named = execution.getVariable(ValidateBackupStart.TARGETS);
    List<String> names = named instanceof List<?> list ? new ArrayList<>((List<String>) list)
        : new ArrayList<>(targets.all().stream().map(BackupTarget::name).toList());
    execution.setVariable(ValidateBackupStart.TARGETS, names);
  }
}
