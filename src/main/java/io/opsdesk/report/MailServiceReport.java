package io.opsdesk.report;

import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.notify.Notifications;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Step "mail-service-report": the week's figures to every supervisor, in their own language (template service-report). */
@Component("mailServiceReport")
public class MailServiceReport implements JavaDelegate {

  static final String TEMPLATE = "service-report";

  private final Notifications notifications;

  public MailServiceReport(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notifications.toGroup(execution, OpsDeskGroups.SUPERVISORS, TEMPLATE);
  }
}
