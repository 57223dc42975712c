package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.SlaClock;
import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketPauses;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Pausing a request while it waits for the requester or a vendor (status WAITING): its running SLA
 * clocks stop, and on resume their due times, timers and tasks move by the time paused, to the second.
 * Driven by the engine's clock and the timers' due dates.
 */
class SlaPauseTest extends SlaApiTest {

  @Autowired TicketPauses pauses;

  @Test
  void aPauseAcrossTheDeadlineHoldsTheBreachAndMovesTheTimerByThePausedSeconds() {
    ProcessInstance instance = start("desk", phoneCall()); // IMPORTANT: resolve within PT4H
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Instant due = ticketOf(instance).resolutionDue();
    Instant pausedAt = due.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    clockAt(pausedAt);

    assertThat(post("tech", instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "Spare disk ordered"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.WAITING);
    assertThat(timer(instance, "timer-resolution-due").isSuspended()).isTrue();

    // Well past the deadline, still waiting: no job executor acquires the held timer, and one that
    // took it just before the pause fails, the timer staying for the resume; nothing breaches.
    clockAt(due.plus(Duration.ofHours(1)));
    Job held = timer(instance, "timer-resolution-due");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).active().executable().count()).isZero();
    assertThatThrownBy(() -> management.executeJob(held.getId())).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("paused");
    assertThat(timer(instance, "timer-resolution-due")).isNotNull();
    assertThat(ticketOf(instance).resolutionBreached()).isFalse();
    assertThat(openTask(instance, "report-delay")).isNull();

    long pausedSeconds = 3723;
    clockAt(pausedAt.plusSeconds(pausedSeconds));
    assertThat(post("desk", instance, "resume", Map.of("note", "Disk arrived")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    Ticket resumed = ticketOf(instance);
    Instant newDue = due.plusSeconds(pausedSeconds);
    assertThat(resumed.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(resumed.resolutionDue()).isEqualTo(newDue);
    assertThat(resumed.pausedSeconds()).isEqualTo(pausedSeconds);
    Job timer = timer(instance, "timer-resolution-due");
    assertThat(timer.getDuedate().toInstant()).isEqualTo(newDue);
    assertThat(timer.isSuspended()).isFalse();
    assertThat(((Date) runtime.getVariable(instance.getId(), "resolutionDue")).toInstant()).isEqualTo(newDue);
    assertThat(openTask(instance, "diagnose").getDueDate().toInstant()).isEqualTo(newDue);
    assertThat(pauses.of(resumed.ticketId())).singleElement().satisfies(pause -> {
      assertThat(pause.waitingFor()).isEqualTo("VENDOR");
      assertThat(pause.reason()).isEqualTo("Spare disk ordered");
      assertThat(pause.pausedBy()).isEqualTo("tech");
      assertThat(pause.resumedBy()).isEqualTo("desk");
      assertThat(Duration.between(pause.startedAt(), pause.endedAt())).hasSeconds(pausedSeconds);
    });
    assertThat(journal.entries(resumed.ticketId())).filteredOn(e -> e.kind().equals("RESUMED")).singleElement()
        .satisfies(e -> {
          assertThat(e.actor()).isEqualTo("desk");
          assertThat(e.text()).contains("PT1H2M3S", "vendor", newDue.toString());
        });
    assertThat(clockEvents(resumed, SlaClockKind.RESOLUTION))
        .containsExactly("STARTED", "PAUSED", "RESUMED");

    // One second before the moved deadline nothing is due; after it, the request breaches once.
    clockAt(newDue.minusSeconds(1));
    runJobs();
    assertThat(ticketOf(instance).resolutionBreached()).isFalse();
    clockAt(newDue.plusSeconds(1));
    runJobs();
    assertThat(ticketOf(instance).resolutionBreached()).isTrue();
    assertThat(openTask(instance, "report-delay")).isNotNull();
    assertThat(clocks.of(resumed.ticketId())).filteredOn(c -> c.clock() == SlaClockKind.RESOLUTION).singleElement()
        .satisfies(c -> assertThat(c.breachedAt()).isEqualTo(newDue));
  }

  @Test
  void twoNodesRunningTheMovedBreachTimerMailTheSupervisorsOnce() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));
    post("tech", instance, "pause", Map.of("waitingFor", "REQUESTER", "reason", "Requester on leave"));
    clockAt(Instant.now().plus(Duration.ofMinutes(30)));
    post("tech", instance, "resume", Map.of());
    Job timer = timer(instance, "timer-resolution-due");
    clockAt(timer.getDuedate().toInstant().plusSeconds(1));
    management.executeJob(timer.getId());

    // The same breach step once more, as a second node running a stale copy of the timer would.
    as("admin", () -> { runtime.createProcessInstanceModification(instance.getId())
        .startBeforeActivity("mark-resolution-breached").execute(); return null; });

    Ticket ticket = ticketOf(instance);
    assertThat(journalKinds(ticket).stream().filter("SLA_BREACHED"::equals)).hasSize(1);
    assertThat(jdbc.queryForList("SELECT template FROM notification WHERE ticket_id = ?", String.class, ticket.ticketId())
        .stream().filter("resolution-breached"::equals)).hasSize(1);
  }

  @Test
  void aBreachedClockStaysBreachedThroughAPause() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Job timer = timer(instance, "timer-resolution-due");
    clockAt(timer.getDuedate().toInstant().plusSeconds(1));
    management.executeJob(timer.getId());
    SlaClock breached = clock(ticketOf(instance), SlaClockKind.RESOLUTION);

    post("tech", instance, "pause", Map.of("waitingFor", "REQUESTER", "reason", "Cannot reach the requester"));
    clockAt(timer.getDuedate().toInstant().plus(Duration.ofHours(2)));
    post("tech", instance, "resume", Map.of("note", "Reached"));

    Ticket ticket = ticketOf(instance);
    assertThat(ticket.resolutionBreached()).isTrue();
    assertThat(ticket.resolutionDue()).isEqualTo(breached.dueAt());
    assertThat(clock(ticket, SlaClockKind.RESOLUTION)).isEqualTo(breached);
    assertThat(ticket.pausedSeconds()).isEqualTo(Duration.ofHours(2).toSeconds() - 1);
    assertThat(journal.entries(ticket.ticketId())).filteredOn(e -> e.kind().equals("PAUSED")).singleElement()
        .extracting(JournalEntry::text).asString().contains("none was running");
    assertThat(journalKinds(ticket).stream().filter("SLA_BREACHED"::equals)).hasSize(1);
  }

  @Test
  void onlyARequestInProgressCanBePausedAndOnlyAWaitingOneResumed() {
    ProcessInstance instance = start("desk", phoneCall());

    ResponseEntity<Map> notAccepted = post("tech", instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "r"));
    assertThat(notAccepted.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(notAccepted.getBody().get("message").toString()).contains("ASSIGNED");
    assertThat(post("tech", instance, "resume", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    work("tech", instance, "accept", vars("contactNote", "Called"));
    post("tech", instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "r"));
    ResponseEntity<Map> twice = post("tech", instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "r"));
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(twice.getBody().get("message").toString()).contains("WAITING");
    assertThat(pauses.of(ticketOf(instance).ticketId())).hasSize(1);
    assertThat(runtime.createExecutionQuery().processInstanceId(instance.getId()).activityId("resume-request").count())
        .isEqualTo(1);
  }

  @Test
  void theHandlerGroupTheDeskAndSupervisorsMayPauseOthersNot() {
    var request = phoneCall();
    request.put("category", "DATA"); // handled by data-support: tech, not expert
    request.put("requesterId", "alice");
    ProcessInstance instance = start("desk", request);
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Map<String, Object> hold = Map.of("waitingFor", "VENDOR", "reason", "Backup vendor asked");

    assertThat(post("expert", instance, "pause", hold).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("alice", instance, "pause", hold).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.postForEntity(path(instance, "pause"), hold, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets/SR-1999-999999/pause", hold, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertBadRequest("tech", instance, "pause", Map.of("waitingFor", "BOSS", "reason", "r"), "waitingFor");
    assertBadRequest("tech", instance, "pause", Map.of("waitingFor", "VENDOR"), "reason");
    assertBadRequest("tech", instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "x".repeat(4001)), "reason");
    assertBadRequest("tech", instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "r", "status", "CLOSED"), "status");
    Ticket untouched = ticketOf(instance);
    assertThat(untouched.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(pauses.of(untouched.ticketId())).isEmpty();

    assertThat(post("desk", instance, "pause", hold).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(post("expert", instance, "resume", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("lead", instance, "resume", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(post("tech", instance, "pause", hold).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.WAITING);
  }

  /**
   * From Tasklist: the "waiting for" choice of the Diagnose or Resolve form puts the request on hold
   * and leaves that step for later (its own fields are not asked); the step comes back to the handler,
   * and the Resume request task resumes the request.
   */
  @Test
  void aHandlerPutsTheRequestOnHoldFromTheFormsAndTheStepComesBack() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));

    assertThatThrownBy(() -> work("tech", instance, "diagnose", vars("waitingFor", "REQUESTER")))
        .hasMessageContaining("holdReason is required");
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThatThrownBy(() -> work("tech", instance, "diagnose", vars("needsConsultation", false)))
        .as("without a hold the diagnosis is required").hasMessageContaining("diagnosis is required");

    // Before a diagnosis: waiting for the requester's logs.
    String firstDiagnose = openTask(instance, "diagnose").getId();
    work("tech", instance, "diagnose", vars("waitingFor", "REQUESTER", "holdReason", "Asked for the mail server's logs"));
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.WAITING);
    assertThat(instance).isWaitingAt("diagnose", "resume-request");
    Task again = openTask(instance, "diagnose");
    assertThat(again.getId()).isNotEqualTo(firstDiagnose);
    assertThat(again.getAssignee()).isEqualTo("tech");
    assertThat(openTask(instance, "resume-request").getAssignee()).isEqualTo("tech");
    assertThat(runtime.getVariable(instance.getId(), "waitingFor")).isNull();
    assertThat(runtime.getVariable(instance.getId(), "stepOnHold")).as("transient, never stored").isNull();
    assertThat(journal.entries(ticketOf(instance).ticketId())).filteredOn(e -> e.kind().equals("PAUSED")).singleElement()
        .satisfies(e -> {
          assertThat(e.actor()).isEqualTo("tech");
          assertThat(e.text()).contains("requester", "Asked for the mail server's logs", "resolution");
        });

    work("tech", instance, "resume-request", vars("resumeNote", "Logs received"));
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.IN_PROGRESS);
    work("tech", instance, "diagnose", vars("diagnosis", "Disk failed", "rootCause", "Wear", "needsConsultation", false));

    // Diagnosed; the resolution waits for a spare part. Work may go on while waiting, but the request
    // cannot be verified as resolved before it is resumed.
    work("tech", instance, "resolve", vars("waitingFor", "VENDOR", "holdReason", "Waiting for the replacement disk"));
    assertThat(instance).isWaitingAt("resolve", "resume-request");
    work("tech", instance, "resolve", vars("solution", "Disk replaced"));
    assertThatThrownBy(() -> work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok")))
        .hasMessageContaining("is WAITING");

    clockAt(Instant.now().plus(Duration.ofMinutes(20)));
    work("tech", instance, "resume-request", vars("resumeNote", "The disk arrived"));

    Ticket ticket = ticketOf(instance);
    assertThat(ticket.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(ticket.pausedSeconds()).isBetween(Duration.ofMinutes(20).toSeconds() - 1, Duration.ofMinutes(20).toSeconds() + 1);
    assertThat(journalKinds(ticket)).containsSubsequence("PAUSED", "RESUMED", "PAUSED", "RESUMED");
    assertThat(instance).isWaitingAt("verify");
  }
}
