package io.opsdesk.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsdesk.notify.NotificationSender;
import io.opsdesk.testsupport.OpsDeskTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Time per step from the engine's history, and the weekly process: two requests worked through the
 * engine in a week of the past no other ticket is in, then the timer of service-report fired on the
 * Monday after it.
 */
class ServiceReportProcessTest extends OpsDeskTest {

  @Autowired NotificationSender sender;
  @Autowired StoredServiceReports stored;

  @Test
  void stepTimesComeFromTheTaskHistoryAndTheWeekIsReportedToTheSupervisors() throws Exception {
    LocalDate monday = freeWeek(LocalDate.of(2022, 1, 3));
    LocalDateTime first = monday.plusDays(1).atTime(10, 0);
    ProcessInstance quick = startAt(first);
    workAt(first.plusMinutes(12), "tech", quick, "accept", vars("contactNote", "Called"));
    workAt(first.plusMinutes(42), "tech", quick, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false));
    workAt(first.plusMinutes(72), "tech", quick, "resolve", vars("solution", "s"));
    workAt(first.plusMinutes(82), "tech", quick, "verify", vars("verified", true, "verificationNote", "ok"));
    workAt(first.plusMinutes(102), "desk", quick, "confirm", vars("satisfied", true, "satisfactionScore", 5));

    LocalDateTime second = monday.plusDays(2).atTime(10, 0);
    ProcessInstance consulted = startAt(second);
    workAt(second.plusMinutes(20), "tech", consulted, "accept", vars("contactNote", "Called"));
    workAt(second.plusMinutes(30), "tech", consulted, "diagnose", vars("diagnosis", "d", "rootCause", "r",
        "needsConsultation", true, "consultants", List.of("expert")));
    workAt(second.plusMinutes(45), "expert", consulted, "consult", vars("opinion", "Check the fan"));
    workAt(second.plusMinutes(95), "tech", consulted, "resolve", vars("solution", "s"));
    workAt(second.plusMinutes(125), "tech", consulted, "verify", vars("verified", true, "verificationNote", "ok"));
    workAt(second.plusMinutes(185), "desk", consulted, "confirm", vars("satisfied", true, "satisfactionScore", 4));

    JsonNode report = rest.withBasicAuth("lead", "lead").getForObject(
        "/api/reports/service?from=" + monday + "&to=" + monday.plusDays(6), JsonNode.class);
    JsonNode phases = report.path("phases");
    assertThat(fieldNames(phases)).containsExactly("accept", "diagnose", "consult", "resolve", "verify", "confirm", "paused");
    assertPhase(phases.path("accept"), 2, 16.0, 19.2);
    assertPhase(phases.path("diagnose"), 2, 20.0, 28.0);
    assertPhase(phases.path("consult"), 1, 15.0, 15.0);
    assertPhase(phases.path("resolve"), 2, 40.0, 48.0);
    assertPhase(phases.path("verify"), 2, 20.0, 28.0);
    assertPhase(phases.path("confirm"), 2, 40.0, 56.0);
    assertThat(phases.path("paused").path("count").asLong()).isZero();
    // The request with a consultation is not a first-contact resolution.
    assertThat(report.path("firstContactResolved").asLong()).isEqualTo(1);

    // The Monday after, at 08:00: the timer reports the week before and mails the supervisors.
    Job timer = management.createJobQuery().processDefinitionKey("service-report").timers().singleResult();
    assertThat(timer.getDuedate().toInstant().atZone(ZoneId.systemDefault()).getDayOfWeek()).hasToString("MONDAY");
    Date nextRun = timer.getDuedate();
    clockAt(local(monday.plusWeeks(1).atTime(8, 0).toString()));
    try {
      management.executeJob(timer.getId());
      runJobs();
    } finally {
      // Back to its real next Monday, so that no other test's clock finds it due.
      Job next = management.createJobQuery().processDefinitionKey("service-report").timers().singleResult();
      management.setJobDuedate(next.getId(), nextRun);
    }
    HistoricProcessInstance run = history.createHistoricProcessInstanceQuery().processDefinitionKey("service-report")
        .processInstanceBusinessKey("SVC-" + monday).singleResult();
    assertThat(run.getEndTime()).isNotNull();
    StoredServiceReports.Stored week = stored.latest(ServiceReportController.WEEKLY_LIMIT).stream()
        .filter(s -> s.from().equals(monday)).findFirst().orElseThrow();
    assertThat(week.to()).isEqualTo(monday.plusDays(6));
    assertThat(week.processInstanceId()).isEqualTo(run.getId());
    assertThat(week.report().path("opened").asLong()).isEqualTo(2);
    assertThat(week.report().path("closed").asLong()).isEqualTo(2);
    assertThat(week.report().path("meanSatisfaction").asDouble()).isCloseTo(4.5, within(1e-9));
    assertThat(week.report().path("phases").path("accept").path("count").asLong()).isEqualTo(2);

    sender.sendDue();
    MimeMessage mail = serviceReportTo("lead@example.com", monday);
    String body = ((String) mail.getContent()).replace("\r\n", "\n");
    assertThat(mail.getSubject()).contains(monday.toString(), monday.plusDays(6).toString());
    assertThat(body).contains("/api/reports/service?from=" + monday + "&to=" + monday.plusDays(6), "100.0%", "4.50");
    assertThat(body).as("time per step").containsPattern("diagnose +2 +20\\.0 +28\\.0")
        .containsPattern("consult +1 +15\\.0 +15\\.0").containsPattern("paused +0 +- +-");

    ResponseEntity<JsonNode> weekly = rest.withBasicAuth("desk", "desk").getForEntity("/api/reports/service/weekly", JsonNode.class);
    assertThat(weekly.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(weekly.getBody().findValuesAsText("from")).contains(monday.toString());
    assertThat(rest.withBasicAuth("alice", "alice").getForEntity("/api/reports/service/weekly", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  /** The first Monday from {@code monday} on whose week no ticket was opened (the database outlives a PostgreSQL run). */
  private LocalDate freeWeek(LocalDate monday) {
    LocalDate week = monday;
    while (jdbc.queryForObject("SELECT COUNT(*) FROM ticket WHERE created_at >= ? AND created_at < ?", Long.class,
        utc(week.atStartOfDay()), utc(week.plusWeeks(1).atStartOfDay())) > 0) {
      week = week.plusWeeks(1);
    }
    return week;
  }

  private ProcessInstance startAt(LocalDateTime time) {
    clockAt(local(time.toString()));
    return start("desk", phoneCall());
  }

  private void workAt(LocalDateTime time, String user, ProcessInstance instance, String task, java.util.Map<String, Object> values) {
    clockAt(local(time.toString()));
    work(user, instance, task, values);
  }

  private static java.time.OffsetDateTime utc(LocalDateTime localTime) {
    Instant instant = local(localTime.toString());
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }

  private static void assertPhase(JsonNode phase, long count, double mean, double p90) {
    assertThat(phase.path("count").asLong()).isEqualTo(count);
    assertThat(phase.path("meanMinutes").asDouble()).isCloseTo(mean, within(1e-6));
    assertThat(phase.path("p90Minutes").asDouble()).isCloseTo(p90, within(1e-6));
  }

  private static MimeMessage serviceReportTo(String address, LocalDate monday) throws Exception {
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if ("service-report".equals(message.getHeader("X-OpsDesk-Notification", null))
          && message.getSubject().contains(monday.toString())
          && List.of(message.getRecipients(Message.RecipientType.TO)).stream().anyMatch(a -> a.toString().contains(address))) {
        return message;
      }
    }
    throw new AssertionError("No service report mail to " + address + " for the week of " + monday);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
