package io.opsdesk.sla;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.SlaClock;
import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.SlaClocks;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The calendar rule on the running service-request process: due times, the timers' due dates and the
 * clocks follow the calendar decision {@code sla} names for the priority. The engine's clock is set to
 * past dates, so no other test's timer becomes due meanwhile.
 */
class SlaCalendarTest extends OpsDeskTest {

  @Autowired SlaClocks clocks;
  @Autowired SlaTargets targets;

  private String editedTable;

  @AfterEach
  void removeTheEditedTable() {
    if (editedTable != null) {
      engine.getRepositoryService().deleteDeployment(editedTable, true);
    }
  }

  /** The example: MINOR, opened Friday 17:00, 24 hours of working time: due Wednesday 14:00. */
  @Test
  void aMinorRequestOpenedFridayEveningIsDueWednesdayAfternoon() {
    ProcessInstance instance = openAt("2026-11-27T17:00", "LOW", "LOW");

    // Response PT4H: 1 h on Friday, 3 h on Monday.
    Ticket ticket = assertDue(instance, "MINOR", "2026-11-30T12:00", "2026-12-02T14:00", "business");

    work("tech", instance, "accept", vars("contactNote", "Called on Friday evening"));
    Job timer = timer(instance, "timer-resolution-due");
    assertThat(timer.getDuedate().toInstant()).isEqualTo(ticket.resolutionDue());

    // Over the weekend and until Wednesday 14:00 the timer is not due; then it is.
    clockAt(ticket.resolutionDue().minusSeconds(1));
    assertThat(dueTimers(instance)).doesNotContain(timer.getId());
    clockAt(ticket.resolutionDue());
    assertThat(dueTimers(instance)).contains(timer.getId());
  }

  @Test
  void anUrgentRequestRunsOnWallClockTimeThroughTheNight() {
    ProcessInstance instance = openAt("2026-11-27T17:00", "HIGH", "HIGH");

    assertDue(instance, "URGENT", "2026-11-27T17:30", "2026-11-27T19:00", "24x7");
  }

  /**
   * A reopen days after the first due time keeps the met clock and runs its own, counted on the
   * calendar from the reopen.
   */
  @Test
  void aReopenAfterTheDeadlineRunsItsOwnClockOnTheCalendar() {
    ProcessInstance instance = openAt("2026-11-23T10:00", "MEDIUM", "MEDIUM");
    assertDue(instance, "GENERAL", "2026-11-23T12:00", "2026-11-23T18:00", "business");
    handleUntilConfirmation(instance);

    clockAt(local("2026-11-27T17:00"));
    work("desk", instance, "confirm", vars("satisfied", false, "satisfactionScore", 2, "feedback", "Still broken"));

    // PT8H from Friday 17:00: 1 h on Friday, 7 h on Monday.
    Ticket reopened = ticketOf(instance);
    assertThat(reopened.resolutionDue()).isEqualTo(local("2026-11-30T16:00"));
    assertThat(reopened.resolutionBreached()).isFalse();
    assertThat(variableDate(instance, "resolutionDue")).isEqualTo(reopened.resolutionDue());
    assertThat(timer(instance, "timer-resolution-due").getDuedate().toInstant()).isEqualTo(reopened.resolutionDue());
    assertThat(clocks.of(reopened.ticketId())).filteredOn(c -> c.clock() == SlaClockKind.RESOLUTION)
        .extracting(SlaClock::round, SlaClock::met, SlaClock::startedAt, SlaClock::dueAt, SlaClock::calendar)
        .containsExactly(tuple(0, true, local("2026-11-23T10:00"), local("2026-11-23T18:00"), "business"),
            tuple(1, false, local("2026-11-27T17:00"), local("2026-11-30T16:00"), "business"));
  }

  /**
   * A pause over a night and a weekend moves a business-calendar clock by the working time paused
   * only: paused Thursday 17:00, resumed Monday 10:00, that is 1 h on Thursday, 9 h on Friday and 1 h
   * on Monday; the 5 working hours left at the pause run from Monday 10:00 to 15:00.
   */
  @Test
  void aPauseOverANightAndAWeekendMovesTheDueTimeByTheWorkingTimePaused() {
    ProcessInstance instance = openAt("2026-11-26T14:00", "MEDIUM", "MEDIUM");
    assertDue(instance, "GENERAL", "2026-11-26T16:00", "2026-11-27T13:00", "business");
    work("tech", instance, "accept", vars("contactNote", "Called"));

    clockAt(local("2026-11-26T17:00"));
    pause(instance, "REQUESTER", "Waiting for the requester's log files");
    clockAt(local("2026-11-30T10:00"));
    resume(instance, "Logs received");

    Ticket resumed = ticketOf(instance);
    assertThat(resumed.resolutionDue()).isEqualTo(local("2026-11-30T15:00"));
    assertThat(variableDate(instance, "resolutionDue")).isEqualTo(resumed.resolutionDue());
    assertThat(timer(instance, "timer-resolution-due").getDuedate().toInstant()).isEqualTo(resumed.resolutionDue());
    assertThat(resumed.pausedSeconds()).as("the wall-clock time waited is what the ticket records")
        .isEqualTo(java.time.Duration.between(local("2026-11-26T17:00"), local("2026-11-30T10:00")).toSeconds());
  }

  /**
   * A process owner switches GENERAL and MINOR to a calendar with holidays (configured in the test
   * profile from src/test/resources/sla/holidays.ics): National Day, October 1-7, does not count,
   * neither for the due times nor for a pause across it.
   */
  @Test
  void holidaysFromTheIcsFileCountNeitherForDueTimesNorForAPause() throws IOException {
    editedTable = deploySlaTable("test-holidays");
    ProcessInstance instance = openAt("2026-09-30T17:00", "MEDIUM", "MEDIUM");

    assertDue(instance, "GENERAL", "2026-10-08T10:00", "2026-10-08T16:00", "test-holidays");

    // Paused from Wednesday 17:30 over the holiday week until Thursday 10:00: half an hour on Wednesday
    // and one hour on Thursday were working time, so the 7.5 working hours left run until 17:30.
    clockAt(local("2026-09-30T17:10"));
    work("tech", instance, "accept", vars("contactNote", "Called"));
    clockAt(local("2026-09-30T17:30"));
    pause(instance, "VENDOR", "Vendor closed for the holiday");
    clockAt(local("2026-10-08T10:00"));
    resume(instance, "Vendor back");
    Ticket resumed = ticketOf(instance);
    assertThat(resumed.resolutionDue()).isEqualTo(local("2026-10-08T17:30"));
    assertThat(timer(instance, "timer-resolution-due").getDuedate().toInstant()).isEqualTo(resumed.resolutionDue());
  }

  /** A table naming a calendar nobody configured fails loudly, at start-up and at every use. */
  @Test
  void aTableNamingAnUnknownCalendarIsRefused() throws IOException {
    editedTable = deploySlaTable("nowhere");

    assertThatThrownBy(targets::checkTable)
        .hasMessageContaining("Decision sla, priority GENERAL: Unknown SLA calendar \"nowhere\"")
        .hasMessageContaining("known: 24x7, business, test-holidays");
    assertThatThrownBy(() -> targets.of("MINOR")).hasMessageContaining("Unknown SLA calendar \"nowhere\"");
    assertThat(targets.of("URGENT").calendar().name()).isEqualTo("24x7");
  }

  /** A warning share that would warn at the start or after the deadline is refused like an unknown calendar. */
  @Test
  void aWarningShareOutsideZeroToOneIsRefused() throws IOException {
    String table = Files.readString(Path.of("processes/sla.dmn"), StandardCharsets.UTF_8);
    String minor = "<outputEntry id=\"rule-minor-warning-share\"><text>0.75</text></outputEntry>";
    assertThat(table).contains(minor);
    editedTable = engine.getRepositoryService().createDeployment().name("sla warning share 1").source("Camunda Modeler")
        .addString("sla.dmn", table.replace(minor, minor.replace("0.75", "1"))).deploy().getId();

    assertThatThrownBy(targets::checkTable)
        .hasMessageContaining("Decision sla, priority MINOR: warningShare must lie between 0 and 1");
    assertThat(targets.of("URGENT").warningShare()).isEqualTo(0.75);
  }

  /** The due times (local times) on the ticket, in the variables and the response timer; both clocks on the calendar. */
  private Ticket assertDue(ProcessInstance instance, String priority, String responseDue, String resolutionDue,
      String calendar) {
    Ticket ticket = ticketOf(instance);
    assertThat(ticket.priority()).isEqualTo(priority);
    assertThat(ticket.responseDue()).isEqualTo(local(responseDue));
    assertThat(ticket.resolutionDue()).isEqualTo(local(resolutionDue));
    assertThat(variableDate(instance, "responseDue")).isEqualTo(ticket.responseDue());
    assertThat(variableDate(instance, "resolutionDue")).isEqualTo(ticket.resolutionDue());
    assertThat(timer(instance, "timer-response-due").getDuedate().toInstant()).isEqualTo(ticket.responseDue());
    assertThat(clocks.of(ticket.ticketId())).extracting(SlaClock::clock, SlaClock::calendar)
        .containsExactlyInAnyOrder(tuple(SlaClockKind.RESPONSE, calendar), tuple(SlaClockKind.RESOLUTION, calendar));
    return ticket;
  }

  /** processes/sla.dmn with GENERAL and MINOR on another calendar, deployed as Modeler would. */
  private String deploySlaTable(String calendar) throws IOException {
    String edited = Files.readString(Path.of("processes/sla.dmn"), StandardCharsets.UTF_8)
        .replace("<text>\"business\"</text>", "<text>\"" + calendar + "\"</text>");
    assertThat(edited).contains(calendar);
    return engine.getRepositoryService().createDeployment().name("sla calendar change").source("Camunda Modeler")
        .addString("sla.dmn", edited).deploy().getId();
  }

  private java.util.List<String> dueTimers(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().executable().list().stream()
        .map(Job::getId).toList();
  }

  private Instant variableDate(ProcessInstance instance, String name) {
    return ((Date) runtime.getVariable(instance.getId(), name)).toInstant();
  }

  private void pause(ProcessInstance instance, String waitingFor, String reason) {
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets/" + instance.getBusinessKey() + "/pause",
        Map.of("waitingFor", waitingFor, "reason", reason), Map.class).getStatusCode().value()).isEqualTo(204);
  }

  private void resume(ProcessInstance instance, String note) {
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets/" + instance.getBusinessKey() + "/resume",
        Map.of("note", note), Map.class).getStatusCode().value()).isEqualTo(204);
  }
}
