package io.opsdesk.backup;

import io.opsdesk.backup.RestoreRecords.Restore;
import io.opsdesk.backup.RestoreRecords.Status;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN step "hand-over" (mode NEW): records that the verified copy is handed over where it is; the live one stays. */
@Component("handOver")
public class HandOver implements JavaDelegate {

  private final RestoreRecords records;

  public HandOver(RestoreRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Restore request = records.of(execution);
    if (request.status() == Status.RESTORED) {
      records.advance(request.restoreId(), RestoreRecords.SYSTEM, Status.HANDED_OVER, "The restored copy is handed over at "
          + request.restoredTo() + "; the live " + request.target() + " is unchanged");
    }
  }
}
