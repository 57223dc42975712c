package io.opsdesk.report;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Step "compute-service-report": the report of last week, Monday to Sunday in the server's zone (the week
 * before the one the step runs in), stored once per week, and its headline figures put into the process as
 * text for the mail. The instance's business key names the week ("SVC-2026-11-23").
 */
@Component("computeServiceReport")
public class ComputeServiceReport implements JavaDelegate {

  /** How the mail shows a figure that is null (nothing measured). */
  static final String NOT_MEASURED = "-";

  private final ServiceReports reports;
  private final StoredServiceReports stored;

  public ComputeServiceReport(ServiceReports reports, StoredServiceReports stored) {
    this.reports = reports;
    this.stored = stored;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ZoneId.systemDefault();
    ReportPeriod period = ReportPeriod.weekBefore(EngineClock.now(), zone);
    ServiceReport report = reports.compute(period, zone);
    stored.save(report, execution.getProcessInstanceId());
    execution.getProcessInstance().setProcessBusinessKey("SVC-" + period.from());
    execution.getProcessInstance().setVariables(mailValues(report));
  }

  /** The figures the mail service-report shows, as text. */
  static Map<String, Object> mailValues(ServiceReport report) {
    ServiceFigures figures = report.overall();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("reportFrom", report.from().toString());
    values.put("reportTo", report.to().toString());
    values.put("opened", figures.opened());
    values.put("closed", figures.closed());
    values.put("backlog", figures.backlog());
    values.put("resolutionRate", percent(figures.resolutionRate()));
    values.put("firstContactResolutionRate", percent(figures.firstContactResolutionRate()));
    values.put("reopenRate", percent(figures.reopenRate()));
    values.put("responseSlaCompliance", percent(figures.responseSlaCompliance()));
    values.put("resolutionSlaCompliance", percent(figures.resolutionSlaCompliance()));
    values.put("meanSatisfaction", decimal(figures.meanSatisfaction(), "%.2f"));
    values.put("meanTimeToRespondMinutes", decimal(figures.meanTimeToRespondMinutes(), "%.1f"));
    values.put("meanTimeToResolveMinutes", decimal(figures.meanTimeToResolveMinutes(), "%.1f"));
    values.put("stepTimes", stepTimes(report.phases()));
    return values;
  }

  /** One line per step of the report's phases (step id as on the diagram): count, mean and p90 minutes. */
  private static String stepTimes(Map<String, Phase> phases) {
    StringBuilder lines = new StringBuilder();
    phases.forEach((step, phase) -> lines.append(String.format(Locale.ROOT, "%-9s %6d  %10s  %10s%n", step,
        phase.count(), decimal(phase.meanMinutes(), "%.1f"), decimal(phase.p90Minutes(), "%.1f"))));
    return lines.toString().stripTrailing();
  }

  private static String percent(Double rate) {
    return rate == null ? NOT_MEASURED : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private static String decimal(Double value, String format) {
    return value == null ? NOT_MEASURED : String.format(Locale.ROOT, format, value);
  }
}
