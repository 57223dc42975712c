package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.SlaClocks;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Early warning at decision sla's warningShare (0.75) of each clock, and the second level after a
 * resolution breach. Driven by the engine's clock and the timers' due dates, on past dates so that no
 * other test's timer becomes due meanwhile.
 */
class SlaWarningTest extends OpsDeskTest {

  @Autowired SlaClocks clocks;

  @Test
  void anImportantRequestWarnsItsGroupOnceAtThreeQuartersOfItsResolutionTime() {
    ProcessInstance instance = openAt("2025-03-03T08:00", "HIGH", "MEDIUM"); // IMPORTANT: PT1H / PT4H on 24x7
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Ticket ticket = ticketOf(instance);
    Instant warningAt = ticket.createdAt().plus(Duration.ofHours(3));
    passResolutionWarning(instance, ticket, warningAt);
    // The same warning step once more, as a second node running a stale copy of the timer would.
    as("admin", () -> { runtime.createProcessInstanceModification(instance.getId())
        .startBeforeActivity("warn-resolution-due").execute(); return null; });

    assertThat(mails(ticket, "sla-warning")).containsExactlyInAnyOrderElementsOf(emailsOf("hardware-support"));
    assertThat(body(ticket, "sla-warning")).contains("解决时限已大部分用完").doesNotContain("响应时限");
    assertThat(journal.entries(ticket.ticketId())).filteredOn(e -> e.kind().equals("SLA_WARNING")).singleElement()
        .extracting(JournalEntry::text).asString().contains("Resolution", "hardware-support", ticket.resolutionDue().toString());
    assertThat(clockEvents(ticket, SlaClockKind.RESOLUTION)).containsExactly("STARTED", "WARNED");
    assertThat(ticketOf(instance).resolutionBreached()).isFalse();
  }

  @Test
  void aRequestResolvedBeforeItsWarningTimeWarnsNobody() {
    ProcessInstance instance = openAt("2025-03-04T08:00", "HIGH", "MEDIUM");
    handleUntilConfirmation(instance);
    Ticket ticket = ticketOf(instance);
    assertThat(timer(instance, "timer-resolution-warning")).isNull();

    clockAt(ticket.createdAt().plus(Duration.ofHours(5)));
    runJobs();

    assertThat(mails(ticket, "sla-warning")).isEmpty();
    assertThat(journalKinds(ticket)).doesNotContain("SLA_WARNING");
    assertThat(clockEvents(ticket, SlaClockKind.RESOLUTION)).containsExactly("STARTED", "MET");
  }

  /** GENERAL, opened Monday 14:00: 6 of its 8 working hours end Tuesday 11:00; 1.5 of 2 at 15:30. */
  @Test
  void aGeneralRequestsWarningsCountWorkingTime() {
    ProcessInstance instance = openAt("2025-03-10T14:00", "MEDIUM", "MEDIUM");
    assertThat(ticketOf(instance).priority()).isEqualTo("GENERAL");
    assertThat(timer(instance, "timer-response-warning").getDuedate().toInstant()).isEqualTo(local("2025-03-10T15:30"));
    assertThat(timer(instance, "timer-resolution-warning").getDuedate().toInstant()).isEqualTo(local("2025-03-11T11:00"));

    // The response warning, still unaccepted at 15:30, names the response deadline.
    clockAt(local("2025-03-10T15:30:01"));
    runJobs();
    Ticket ticket = ticketOf(instance);
    assertThat(body(ticket, "sla-warning")).contains("响应时限已大部分用完").doesNotContain("解决时限");
    assertThat(clockEvents(ticket, SlaClockKind.RESPONSE)).containsExactly("STARTED", "WARNED");
    assertThat(clockEvents(ticket, SlaClockKind.RESOLUTION)).containsExactly("STARTED");
  }

  @Test
  void aPauseBeforeTheWarningMovesItByThePausedTime() {
    ProcessInstance instance = openAt("2025-03-05T08:00", "HIGH", "MEDIUM");
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Instant warningAt = ticketOf(instance).createdAt().plus(Duration.ofHours(3));
    clockAt(local("2025-03-05T09:00"));
    post(instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "Spare part ordered"));
    assertThat(timer(instance, "timer-resolution-warning").isSuspended()).isTrue();

    // Held: past its time nothing warns.
    clockAt(warningAt.plusSeconds(60));
    runJobs();
    Ticket waiting = ticketOf(instance);
    assertThat(mails(waiting, "sla-warning")).isEmpty();

    long pausedSeconds = Duration.ofHours(2).plusSeconds(61).toSeconds();
    clockAt(local("2025-03-05T09:00").plusSeconds(pausedSeconds));
    post(instance, "resume", Map.of());
    passResolutionWarning(instance, waiting, warningAt.plusSeconds(pausedSeconds));
    assertThat(mails(waiting, "sla-warning")).isNotEmpty();
    assertThat(clockEvents(waiting, SlaClockKind.RESOLUTION)).containsExactly("STARTED", "PAUSED", "RESUMED", "WARNED");
  }

  @Test
  void anUnresolvedBreachIsEscalatedToTheSupervisorsAfterAnotherHalfOfItsResolutionTime() {
    ProcessInstance instance = breachedImportantRequest("2025-03-06T08:00");
    Ticket ticket = ticketOf(instance);
    Instant escalationAt = ticket.resolutionDue().plus(Duration.ofHours(2));
    assertThat(timer(instance, "timer-resolution-escalation").getDuedate().toInstant()).isEqualTo(escalationAt);

    clockAt(escalationAt.minusSeconds(1));
    runJobs();
    assertThat(mails(ticket, "sla-escalation")).isEmpty();
    clockAt(escalationAt.plusSeconds(1));
    runJobs();

    assertThat(mails(ticket, "sla-escalation")).containsExactlyInAnyOrderElementsOf(emailsOf("supervisors"));
    assertThat(journalKinds(ticket).stream().filter("SLA_ESCALATED"::equals)).hasSize(1);
    assertThat(clockEvents(ticket, SlaClockKind.RESOLUTION)).containsExactly("STARTED", "WARNED", "BREACHED", "ESCALATED");
    assertThat(openTask(instance, "report-delay")).isNotNull();
  }

  @Test
  void aBreachResolvedBeforeTheSecondLevelIsNotEscalated() {
    ProcessInstance instance = breachedImportantRequest("2025-03-07T08:00");
    Ticket ticket = ticketOf(instance);
    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "s"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok"));
    assertThat(timer(instance, "timer-resolution-escalation")).isNull();

    clockAt(ticket.resolutionDue().plus(Duration.ofHours(3)));
    runJobs();

    assertThat(mails(ticket, "sla-escalation")).isEmpty();
    assertThat(journalKinds(ticket)).doesNotContain("SLA_ESCALATED");
    assertThat(clockEvents(ticket, SlaClockKind.RESOLUTION)).doesNotContain("ESCALATED");
  }

  /**
   * The resolution warning's timer (running) and variable say {@code at}; a second before, nothing is
   * mailed; then the engine's clock passes it and the due jobs run.
   */
  private void passResolutionWarning(ProcessInstance instance, Ticket ticket, Instant at) {
    Job timer = timer(instance, "timer-resolution-warning");
    assertThat(timer.getDuedate().toInstant()).isEqualTo(at);
    assertThat(timer.isSuspended()).isFalse();
    assertThat(((Date) runtime.getVariable(instance.getId(), "resolutionWarningAt")).toInstant()).isEqualTo(at);
    clockAt(at.minusSeconds(1));
    runJobs();
    assertThat(mails(ticket, "sla-warning")).isEmpty();
    clockAt(at.plusSeconds(1));
    runJobs();
  }

  /** IMPORTANT, accepted, then past its resolution due time: breached, the delay report asked. */
  private ProcessInstance breachedImportantRequest(String localTime) {
    ProcessInstance instance = openAt(localTime, "HIGH", "MEDIUM");
    work("tech", instance, "accept", vars("contactNote", "Called"));
    // The warning first, then the breach: one runJobs would run both timers in no fixed order.
    clockAt(ticketOf(instance).createdAt().plus(Duration.ofHours(3)).plusSeconds(1));
    runJobs();
    clockAt(ticketOf(instance).resolutionDue().plusSeconds(1));
    runJobs();
    assertThat(ticketOf(instance).resolutionBreached()).isTrue();
    return instance;
  }

  private void post(ProcessInstance instance, String action, Map<String, ?> body) {
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets/" + instance.getBusinessKey() + "/" + action,
        body, Map.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runJobs();
  }

  private List<String> mails(Ticket ticket, String template) {
    return jdbc.queryForList("SELECT recipient FROM notification WHERE ticket_id = ? AND template = ?", String.class,
        ticket.ticketId(), template);
  }

  private String body(Ticket ticket, String template) {
    return String.join("\n", jdbc.queryForList("SELECT body FROM notification WHERE ticket_id = ? AND template = ?",
        String.class, ticket.ticketId(), template));
  }

  private List<String> emailsOf(String group) {
    return identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getEmail)
        .filter(email -> email != null && !email.isBlank()).toList();
  }

  private List<String> clockEvents(Ticket ticket, SlaClockKind kind) {
    return clocks.events(ticket.ticketId()).stream().filter(e -> kind.name().equals(e.get("clock")))
        .map(e -> (String) e.get("event")).toList();
  }
}
