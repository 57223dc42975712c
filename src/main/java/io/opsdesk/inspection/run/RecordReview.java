package io.opsdesk.inspection.run;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketJournal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion listener of the user task "review-inspection": signs the run's record with who
 * reviewed it, when, and the remark, in the completing user's own transaction.
 */
@Component("recordReview")
public class RecordReview implements TaskListener {

  static final int MAX_REMARK = 4000;

  private final InspectionRecords records;
  private final TicketJournal journal;

  public RecordReview(InspectionRecords records, TicketJournal journal) {
    this.records = records;
    this.journal = journal;
  }

  @Override
  public void notify(DelegateTask task) {
    String reviewer = journal.currentActor();
    if (TicketJournal.SYSTEM.equals(reviewer) && task.getAssignee() != null) {
      reviewer = task.getAssignee();
    }
    Object remark = task.getVariable("reviewRemark");
    String text = String.valueOf(remark);
    records.review((String) task.getVariable("runId"), reviewer, EngineClock.now(),
        text.length() <= MAX_REMARK ? text : text.substring(0, MAX_REMARK - 1) + "…");
  }
}
