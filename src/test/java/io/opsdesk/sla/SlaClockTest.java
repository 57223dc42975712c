package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.SlaClock;
import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.SlaClocks;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The response and resolution clocks of manual 5.2, driven by executing the timer jobs. */
class SlaClockTest extends OpsDeskTest {

  @Autowired SlaClocks clocks;
  @Autowired SlaCalendars calendars;

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      "HIGH, HIGH, URGENT, PT30M, PT2H, 24x7",
      "HIGH, MEDIUM, IMPORTANT, PT1H, PT4H, 24x7",
      "MEDIUM, MEDIUM, GENERAL, PT2H, PT8H, business",
      "LOW, LOW, MINOR, PT4H, PT24H, business"})
  void dueTimesCountFromCreationByPriorityOnItsCalendar(String impact, String urgency, String priority, String response,
      String resolution, String calendar) {
    var request = phoneCall();
    request.put("impact", impact);
    request.put("urgency", urgency);
    ProcessInstance instance = start("desk", request);

    Ticket ticket = ticketOf(instance);
    WorkingTime time = calendars.get(calendar);
    assertThat(ticket.priority()).isEqualTo(priority);
    assertThat(time.between(ticket.createdAt(), ticket.responseDue())).isEqualTo(Duration.parse(response));
    assertThat(time.between(ticket.createdAt(), ticket.resolutionDue())).isEqualTo(Duration.parse(resolution));
    assertThat(variableDate(instance, "responseDue")).isEqualTo(ticket.responseDue());
    assertThat(variableDate(instance, "resolutionDue")).isEqualTo(ticket.resolutionDue());
    assertThat(clocks.of(ticket.ticketId())).extracting(SlaClock::calendar).containsOnly(calendar);
  }

  @Test
  void responseTimerMarksTheBreachAndLeavesAcceptOpen() {
    ProcessInstance instance = start("desk", phoneCall());
    Job timer = timer(instance, "timer-response-due");
    assertThat(timer.getDuedate().toInstant()).isEqualTo(ticketOf(instance).responseDue());
    assertThat(runtime.getVariable(instance.getId(), "responseBreached")).isEqualTo(false);

    clockAt(timer.getDuedate().toInstant().plusSeconds(1));
    management.executeJob(timer.getId());

    assertThat(runtime.getVariable(instance.getId(), "responseBreached")).isEqualTo(true);
    assertThat(ticketOf(instance).responseBreached()).isTrue();
    assertThat(journalKinds(ticketOf(instance))).contains("SLA_BREACHED");
    assertThat(instance).isWaitingAt("accept");

    work("tech", instance, "accept", vars("contactNote", "Sorry for the wait"));
    assertThat(ticketOf(instance).responseBreached()).isTrue();
    assertThat(ticketOf(instance).resolutionBreached()).isFalse();
  }

  @Test
  void acceptanceAfterTheDueTimeIsABreachEvenBeforeTheTimerRan() {
    ProcessInstance instance = start("desk", phoneCall());
    clockAt(ticketOf(instance).responseDue().plusSeconds(60));

    work("tech", instance, "accept", vars("contactNote", "Late"));

    assertThat(runtime.getVariable(instance.getId(), "responseBreached")).isEqualTo(true);
    assertThat(ticketOf(instance).responseBreached()).isTrue();
    assertThat(timer(instance, "timer-response-due")).isNull();
  }

  @Test
  void resolutionTimerAsksTheGroupForADelayReport() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Job timer = timer(instance, "timer-resolution-due");
    assertThat(timer.getDuedate().toInstant()).isEqualTo(ticketOf(instance).resolutionDue());

    clockAt(timer.getDuedate().toInstant().plusSeconds(1));
    management.executeJob(timer.getId());

    assertThat(ticketOf(instance).resolutionBreached()).isTrue();
    assertThat(runtime.getVariable(instance.getId(), "resolutionBreached")).isEqualTo(true);
    Task report = openTask(instance, "report-delay");
    assertThat(taskService.getIdentityLinksForTask(report.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("hardware-support"));
    assertThat(instance).isWaitingAt("diagnose", "report-delay");

    String expected = Instant.now().plus(Duration.ofHours(6)).toString();
    work("tech", instance, "report-delay", vars("progressNote", "Waiting for the spare disk",
        "expectedResolution", expected));
    assertThat(openTask(instance, "report-delay")).isNull();
    assertThat(journal.entries(ticketOf(instance).ticketId()))
        .anySatisfy(e -> assertThat(e.text()).contains("Waiting for the spare disk", "expectedResolution"));
  }

  @Test
  void anOpenDelayReportIsWithdrawnOnceTheRequestIsResolved() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));
    management.executeJob(timer(instance, "timer-resolution-due").getId());
    assertThat(openTask(instance, "report-delay")).isNotNull();

    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "s"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok"));

    assertThat(openTask(instance, "report-delay")).isNull();
    assertThat(instance).isWaitingAt("confirm");
    assertThat(ticketOf(instance).resolutionBreached()).isTrue();
  }

  @Test
  void resolvedInTimeLeavesBothClocksMetAndNoTimersBehind() {
    ProcessInstance instance = start("desk", phoneCall());
    handleUntilConfirmation(instance);

    assertThat(timer(instance, "timer-response-due")).isNull();
    assertThat(timer(instance, "timer-resolution-due")).isNull();
    assertThat(ticketOf(instance).responseBreached()).isFalse();
    assertThat(ticketOf(instance).resolutionBreached()).isFalse();
  }

  /**
   * The reopen rule: a resolution clock that was met stays met, even when the requester answers after
   * its due time; the reopened request runs a resolution clock of its own, from the reopen, by priority.
   */
  @Test
  void aReopenAfterTheDueTimeKeepsTheMetClockAndStartsItsOwn() {
    ProcessInstance instance = start("desk", phoneCall()); // IMPORTANT: resolve within PT4H
    handleUntilConfirmation(instance);
    Ticket resolved = ticketOf(instance);
    Instant reopenedAt = resolved.resolutionDue().plus(Duration.ofDays(1));
    clockAt(reopenedAt);

    work("desk", instance, "confirm", vars("satisfied", false, "satisfactionScore", 2, "feedback", "Still broken"));

    Ticket reopened = ticketOf(instance);
    assertThat(reopened.resolutionBreached()).isFalse();
    assertThat(runtime.getVariable(instance.getId(), "resolutionBreached")).isEqualTo(false);
    assertThat(reopened.resolutionDue()).isEqualTo(reopenedAt.plus(Duration.ofHours(4)));
    assertThat(variableDate(instance, "resolutionDue")).isEqualTo(reopened.resolutionDue());
    assertThat(openTask(instance, "report-delay")).isNull();
    assertThat(journalKinds(reopened)).doesNotContain("SLA_BREACHED");
    assertThat(outboxTemplates(reopened)).doesNotContain("resolution-breached");
    Job timer = timer(instance, "timer-resolution-due");
    assertThat(timer.getDuedate().toInstant()).isEqualTo(reopened.resolutionDue());
    assertThat(clocks.of(reopened.ticketId())).filteredOn(c -> c.clock() == SlaClockKind.RESOLUTION)
        .extracting(SlaClock::round, SlaClock::met, SlaClock::dueAt)
        .containsExactly(tuple(0, true, resolved.resolutionDue()), tuple(1, false, reopened.resolutionDue()));

    // The reopened request's own clock runs out: that clock is breached, the first one stays met.
    clockAt(timer.getDuedate().toInstant().plusSeconds(1));
    management.executeJob(timer.getId());
    assertThat(ticketOf(instance).resolutionBreached()).isTrue();
    assertThat(openTask(instance, "report-delay")).isNotNull();
    assertThat(clocks.of(reopened.ticketId())).filteredOn(c -> c.clock() == SlaClockKind.RESOLUTION)
        .extracting(SlaClock::round, SlaClock::met, c -> c.breachedAt() != null)
        .containsExactly(tuple(0, true, false), tuple(1, false, true));
  }

  @Test
  void aTimerThatFiresTwiceBreachesItsClockOnce() {
    ProcessInstance instance = start("desk", phoneCall());
    Job timer = timer(instance, "timer-response-due");
    clockAt(timer.getDuedate().toInstant().plusSeconds(1));
    management.executeJob(timer.getId());
    String ticketId = ticketOf(instance).ticketId();

    // The same breach step once more, as a second node running a stale copy of the timer would.
    as("admin", () -> { runtime.createProcessInstanceModification(instance.getId())
        .startBeforeActivity("mark-response-breached").execute(); return null; });

    assertThat(journalKinds(ticketOf(instance)).stream().filter("SLA_BREACHED"::equals)).hasSize(1);
    assertThat(outboxTemplates(ticketOf(instance)).stream().filter("response-breached"::equals)).hasSize(1);
    assertThat(clocks.of(ticketId)).filteredOn(c -> c.clock() == SlaClockKind.RESPONSE).hasSize(1);
  }

  private java.util.List<String> outboxTemplates(Ticket ticket) {
    return jdbc.queryForList("SELECT template FROM notification WHERE ticket_id = ?", String.class, ticket.ticketId());
  }

  private Instant variableDate(ProcessInstance instance, String name) {
    return ((Date) runtime.getVariable(instance.getId(), name)).toInstant();
  }
}
