package io.opsdesk.backup;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN step "select-backup-targets": gives the run its id (= business key), read as the minute it
 * started: BAK-20261202-0100, a second run that minute BAK-20261202-0100-2; and lists the targets:
 * those the start named, else every configured one. The run id also names the archives, so it is
 * always OpsDesk's own, never a business key a caller chose.
 */
@Component("selectBackupTargets")
public class SelectBackupTargets implements JavaDelegate {

  static final String RUN_ID = "runId";
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

  private final BackupTargets targets;
  private final HistoryService history;

  public SelectBackupTargets(BackupTargets targets, HistoryService history) {
    this.targets = targets;
    this.history = history;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    String runId = (String) execution.getVariable(RUN_ID);
    if (runId == null) {
      String base = "BAK-" + RUN_TIME.format(EngineClock.now().atZone(ZoneId.systemDefault()));
      // Runs of this minute so far (this one is not yet in the history): two nodes starting in the same
      // minute are not expected, as the timer fires on one node only.
      long taken = history.createHistoricProcessInstanceQuery().processDefinitionKey(ValidateBackupStart.PROCESS_KEY)
          .processInstanceBusinessKeyLike(base + "%").count();
      runId = taken == 0 ? base : base + "-" + (taken + 1);
    }
    execution.getProcessInstance().setProcessBusinessKey(runId);
    execution.setVariable(RUN_ID, runId);
    Object named = execution.getVariable(ValidateBackupStart.TARGETS);
    List<String> names = named instanceof List<?> list ? new ArrayList<>((List<String>) list)
        : new ArrayList<>(targets.all().stream().map(BackupTarget::name).toList());
    execution.setVariable(ValidateBackupStart.TARGETS, names);
  }
}
