package io.opsdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.opsdesk.ticket.SlaClock;
import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reclassification (POST /api/tickets/{ticketId}/reclassify): priority, handler group and the running
 * clocks' due times computed again from the clocks' start. The engine's clock is set to a past Monday,
 * 2025-03-03 10:00 Asia/Shanghai (02:00 UTC), so no other test's timer becomes due meanwhile.
 */
class ReclassifyTest extends SlaApiTest {

  private static final Instant MONDAY_10 = Instant.parse("2025-03-03T02:00:00Z");


  @Test
  void upFromGeneralToUrgentCountsFromTheCreationOnTheNewCalendarAndMovesTimersTasksAndGroup() {
    ProcessInstance instance = openAt(MONDAY_10, "MEDIUM", "MEDIUM"); // GENERAL, business calendar, hardware-support
    Ticket before = ticketOf(instance);
    assertThat(before.priority()).isEqualTo("GENERAL");
    assertThat(before.responseDue()).isEqualTo(MONDAY_10.plus(Duration.ofHours(2)));

    clockAt(MONDAY_10.plus(Duration.ofMinutes(20)));
    assertThat(reclassify("desk", instance, "NETWORK", "HIGH", "HIGH", "Whole floor offline, not one PC").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    // URGENT on 24x7: PT30M and PT2H of wall-clock time from the creation.
    Instant responseDue = MONDAY_10.plus(Duration.ofMinutes(30));
    Instant resolutionDue = MONDAY_10.plus(Duration.ofHours(2));
    Ticket ticket = ticketOf(instance);
    assertThat(ticket.status()).isEqualTo(TicketStatus.ASSIGNED);
    assertThat(List.of(ticket.category(), ticket.impact(), ticket.urgency(), ticket.priority(), ticket.candidateGroup()))
        .containsExactly("NETWORK", "HIGH", "HIGH", "URGENT", "network-support");
    assertThat(ticket.responseDue()).isEqualTo(responseDue);
    assertThat(ticket.resolutionDue()).isEqualTo(resolutionDue);
    assertThat(timer(instance, "timer-response-due").getDuedate().toInstant()).isEqualTo(responseDue);
    assertThat(timer(instance, "timer-resolution-due").getDuedate().toInstant()).isEqualTo(resolutionDue);
    // The warnings move with their clocks: at three quarters of URGENT's times from the creation.
    assertThat(timer(instance, "timer-resolution-warning").getDuedate().toInstant())
        .isEqualTo(MONDAY_10.plus(Duration.ofMinutes(90)));
    assertThat(timer(instance, "timer-response-warning").getDuedate().toInstant())
        .isEqualTo(MONDAY_10.plus(Duration.ofSeconds(1350)));
    assertThat(((Date) runtime.getVariable(instance.getId(), "responseDue")).toInstant()).isEqualTo(responseDue);
    assertThat(((Date) runtime.getVariable(instance.getId(), "resolutionDue")).toInstant()).isEqualTo(resolutionDue);
    assertThat(runtime.getVariables(instance.getId(), List.of("priority", "candidateGroup", "category", "taskPriority")))
        .containsEntry("priority", "URGENT").containsEntry("candidateGroup", "network-support")
        .containsEntry("category", "NETWORK");
    Task accept = openTask(instance, "accept");
    assertThat(accept.getDueDate().toInstant()).isEqualTo(responseDue);
    assertThat(accept.getPriority()).isEqualTo(runtime.getVariable(instance.getId(), "taskPriority"));
    assertThat(taskService.getIdentityLinksForTask(accept.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("network-support");
    assertThat(clocks.of(ticket.ticketId())).allSatisfy(c -> assertThat(c.calendar()).isEqualTo("24x7"));
    assertThat(clockEvents(ticket, SlaClockKind.RESPONSE)).containsExactly("STARTED", "RECLASSIFIED");
    assertThat(journal.entries(ticket.ticketId())).filteredOn(e -> e.kind().equals("RECLASSIFIED")).singleElement()
        .satisfies(e -> {
          assertThat(e.actor()).isEqualTo("desk");
          assertThat(e.text()).contains("Whole floor offline, not one PC", "GENERAL → URGENT",
              "hardware-support → network-support", responseDue.toString(), resolutionDue.toString());
        });

    // The same request again changes nothing and journals nothing.
    assertThat(reclassify("lead", instance, "NETWORK", "HIGH", "HIGH", "again").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(journalKinds(ticket).stream().filter("RECLASSIFIED"::equals)).hasSize(1);

    // The network group works the request now; the response clock runs out at its new time.
    clockAt(responseDue.plusSeconds(1));
    runJobs();
    assertThat(ticketOf(instance).responseBreached()).isTrue();
    work("tech", instance, "accept", vars("contactNote", "Called"));
    assertThat(ticketOf(instance).handler()).isEqualTo("tech");
  }

  @Test
  void downNeverUnbreachesABreachedClockAndAPassedDueTimeIsDueNow() {
    ProcessInstance instance = openAt(MONDAY_10, "HIGH", "MEDIUM"); // IMPORTANT, 24x7: respond within PT1H
    Job responseTimer = timer(instance, "timer-response-due");
    clockAt(responseTimer.getDuedate().toInstant().plusSeconds(1));
    runJobs();
    SlaClock breached = clock(ticketOf(instance), SlaClockKind.RESPONSE);
    assertThat(breached.breachedAt()).isNotNull();

    // MINOR on the business calendar: respond within PT4H, resolve within PT24H of working time.
    reclassify("desk", instance, "HARDWARE", "LOW", "LOW", "One keyboard key sticks");
    Ticket ticket = ticketOf(instance);
    assertThat(ticket.priority()).isEqualTo("MINOR");
    assertThat(ticket.responseBreached()).isTrue();
    assertThat(ticket.responseDue()).isEqualTo(breached.dueAt());
    assertThat(clock(ticket, SlaClockKind.RESPONSE)).isEqualTo(breached);
    // 24 working hours from Monday 10:00: Monday 8 h, Tuesday 9 h, Wednesday 7 h → Wednesday 16:00 Shanghai.
    Instant resolutionDue = Instant.parse("2025-03-05T08:00:00Z");
    assertThat(ticket.resolutionDue()).isEqualTo(resolutionDue);
    assertThat(timer(instance, "timer-resolution-due").getDuedate().toInstant()).isEqualTo(resolutionDue);
    assertThat(journalKinds(ticket).stream().filter("SLA_BREACHED"::equals)).hasSize(1);

    // Back up to URGENT after its resolution time passed: the resolution clock is due now, its timer fires.
    Instant now = MONDAY_10.plus(Duration.ofHours(3));
    clockAt(now);
    reclassify("lead", instance, "SECURITY", "HIGH", "HIGH", "It was an intrusion");
    Ticket late = ticketOf(instance);
    assertThat(late.resolutionDue()).isEqualTo(now);
    assertThat(late.resolutionBreached()).isTrue();
    assertThat(late.candidateGroup()).isEqualTo("security-support");
    assertThat(clock(late, SlaClockKind.RESOLUTION).breachedAt()).isEqualTo(now);
    assertThat(openTask(instance, "report-delay")).isNotNull();
  }

  @Test
  void upAndDownWhilePausedKeepsTheClockPausedAndTheResumeAddsThePausedTime() {
    ProcessInstance instance = openAt(MONDAY_10, "HIGH", "MEDIUM"); // IMPORTANT, 24x7: resolve within PT4H
    work("tech", instance, "accept", vars("contactNote", "Called"));
    clockAt(MONDAY_10.plus(Duration.ofMinutes(30)));
    post("tech", instance, "pause", Map.of("waitingFor", "VENDOR", "reason", "Spare part ordered"));

    // Up to URGENT while paused: PT2H from the creation; the clock stays paused, its timer held.
    clockAt(MONDAY_10.plus(Duration.ofHours(1)));
    reclassify("desk", instance, "HARDWARE", "HIGH", "HIGH", "Production line stopped");
    Ticket paused = ticketOf(instance);
    assertThat(paused.status()).isEqualTo(TicketStatus.WAITING);
    assertThat(paused.priority()).isEqualTo("URGENT");
    assertThat(paused.resolutionDue()).isEqualTo(MONDAY_10.plus(Duration.ofHours(2)));
    assertThat(clock(paused, SlaClockKind.RESOLUTION).pausedAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(30)));
    Job held = timer(instance, "timer-resolution-due");
    assertThat(held.isSuspended()).isTrue();
    assertThat(held.getDuedate().toInstant()).isEqualTo(paused.resolutionDue());

    // Resumed after an hour: due the new target plus the hour paused.
    clockAt(MONDAY_10.plus(Duration.ofMinutes(90)));
    post("tech", instance, "resume", Map.of());
    Instant due = MONDAY_10.plus(Duration.ofHours(3));
    assertThat(ticketOf(instance).resolutionDue()).isEqualTo(due);
    Job running = timer(instance, "timer-resolution-due");
    assertThat(running.isSuspended()).isFalse();
    assertThat(running.getDuedate().toInstant()).isEqualTo(due);
    assertThat(openTask(instance, "diagnose").getDueDate().toInstant()).isEqualTo(due);

    // Paused again at 12:00, down to GENERAL (business, PT8H): Monday 10:00 + 8 working hours is Monday
    // 18:00, plus the finished pause's working hour is Tuesday 10:00; still paused.
    clockAt(MONDAY_10.plus(Duration.ofHours(2)));
    post("tech", instance, "pause", Map.of("waitingFor", "REQUESTER", "reason", "Requester in a meeting"));
    clockAt(MONDAY_10.plus(Duration.ofMinutes(150)));
    reclassify("lead", instance, "HARDWARE", "MEDIUM", "MEDIUM", "Only one line affected");
    assertThat(ticketOf(instance).resolutionDue()).isEqualTo(Instant.parse("2025-03-04T02:00:00Z"));
    assertThat(timer(instance, "timer-resolution-due").isSuspended()).isTrue();
    assertThat(clock(ticketOf(instance), SlaClockKind.RESOLUTION).calendar()).isEqualTo("business");

    // Resumed at 13:00 after a working hour paused: Tuesday 11:00 Shanghai.
    clockAt(MONDAY_10.plus(Duration.ofHours(3)));
    post("tech", instance, "resume", Map.of());
    Ticket resumed = ticketOf(instance);
    Instant tuesday11 = Instant.parse("2025-03-04T03:00:00Z");
    assertThat(resumed.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(resumed.resolutionDue()).isEqualTo(tuesday11);
    assertThat(timer(instance, "timer-resolution-due").getDuedate().toInstant()).isEqualTo(tuesday11);
    assertThat(openTask(instance, "diagnose").getDueDate().toInstant()).isEqualTo(tuesday11);
    assertThat(clockEvents(resumed, SlaClockKind.RESOLUTION))
        .containsExactly("STARTED", "PAUSED", "RECLASSIFIED", "RESUMED", "PAUSED", "RECLASSIFIED", "RESUMED");
  }

  @Test
  void onlyTheDeskAndSupervisorsReclassifyARequestBeingHandled() {
    var request = phoneCall();
    request.put("requesterId", "alice");
    ProcessInstance instance = start("desk", request);
    Map<String, Object> body = Map.of("category", "NETWORK", "impact", "LOW", "urgency", "LOW", "reason", "r");

    assertThat(post("tech", instance, "reclassify", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("alice", instance, "reclassify", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.postForEntity(path(instance, "reclassify"), body, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("desk", "desk").postForEntity("/api/tickets/SR-1999-999999/reclassify", body, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertBadRequest("desk", instance, "reclassify", Map.of("category", "PRINTER", "impact", "LOW", "urgency", "LOW", "reason", "r"), "category");
    assertBadRequest("desk", instance, "reclassify", Map.of("category", "NETWORK", "impact", "LOW", "urgency", "SOON", "reason", "r"), "urgency");
    assertBadRequest("desk", instance, "reclassify", Map.of("category", "NETWORK", "impact", "LOW", "urgency", "LOW"), "reason");
    assertBadRequest("desk", instance, "reclassify", Map.of("category", "NETWORK", "impact", "LOW", "urgency", "LOW", "reason", "r",
        "priority", "URGENT"), "priority");
    Ticket untouched = ticketOf(instance);
    assertThat(untouched.priority()).isEqualTo("IMPORTANT");
    assertThat(journalKinds(untouched)).doesNotContain("RECLASSIFIED");

    assertThat(post("admin", instance, "reclassify", body).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ticketOf(instance).priority()).isEqualTo("MINOR");

    handleUntilConfirmation(instance);
    ResponseEntity<Map> resolved = post("desk", instance, "reclassify", body);
    assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(resolved.getBody().get("message").toString()).contains("RESOLVED");

    var untriaged = phoneCall();
    untriaged.remove("urgency");
    ProcessInstance inTriage = start("desk", untriaged);
    assertThat(post("desk", inTriage, "reclassify", body).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  /**
   * The Tasklist path: Start process > 工单重新分级 Reclassify a request, submitted as Tasklist submits a
   * start form. Same rights and rules as /api; a refused start changes nothing and leaves no instance.
   */
  @Test
  void theDeskReclassifiesFromTasklistsStartFormAndARefusalNamesTheField() {
    ProcessInstance instance = start("desk", phoneCall());
    String ticketId = instance.getBusinessKey();
    Map<String, Object> form = Map.of("ticketId", ticketId, "category", "NETWORK", "impact", "LOW", "urgency", "LOW",
        "reclassifyReason", "Only one printer affected");

    // Handlers and requesters do not see the process (the engine answers 404 for a definition they cannot read).
    assertThat(submitReclassification("tech", form).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(submitReclassification("alice", form).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertRefused(Map.of("ticketId", "SR-1999-999999", "category", "NETWORK", "impact", "LOW", "urgency", "LOW",
        "reclassifyReason", "r"), "ticketId");
    assertRefused(Map.of("ticketId", ticketId, "category", "PRINTER", "impact", "LOW", "urgency", "LOW",
        "reclassifyReason", "r"), "category");
    assertRefused(Map.of("ticketId", ticketId, "category", "NETWORK", "impact", "LOW", "urgency", "LOW"),
        "reclassifyReason");
    assertRefused(Map.of("ticketId", ticketId, "category", "NETWORK", "impact", "LOW", "urgency", "LOW",
        "reclassifyReason", "r", "candidateGroup", "service-desk"), "candidateGroup");
    Ticket untouched = ticketOf(instance);
    assertThat(untouched.priority()).isEqualTo("IMPORTANT");
    assertThat(journalKinds(untouched)).doesNotContain("RECLASSIFIED");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("ticket-reclassification")
        .processInstanceBusinessKey(ticketId).count()).isZero();

    ResponseEntity<Map> started = submitReclassification("desk", form);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    Ticket reclassified = ticketOf(instance);
    assertThat(reclassified.priority()).isEqualTo("MINOR");
    assertThat(reclassified.candidateGroup()).isEqualTo("network-support");
    assertThat(journal.entries(ticketId)).filteredOn(e -> e.kind().equals("RECLASSIFIED"))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo("desk");
          assertThat(e.text()).contains("Only one printer affected");
        });
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId((String) started.getBody().get("id"))
        .singleResult().getBusinessKey()).as("found in Cockpit by the ticket id").isEqualTo(ticketId);

    handleUntilConfirmation(instance);
    assertRefused(form, "ticketId");
  }

  private ResponseEntity<Map> submitReclassification(String user, Map<String, Object> values) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return rest.withBasicAuth(user, user).postForEntity(
        "/engine-rest/process-definition/key/ticket-reclassification/submit-form", Map.of("variables", variables), Map.class);
  }

  private void assertRefused(Map<String, Object> values, String field) {
    ResponseEntity<Map> refused = submitReclassification("lead", values);
    assertThat(refused.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(List.copyOf(((Map<?, ?>) refused.getBody().get("errors")).keySet())).as(refused.getBody().toString()).isEqualTo(List.of(field));
  }

  private ProcessInstance openAt(Instant at, String impact, String urgency) {
    clockAt(at);
    var request = phoneCall();
    request.put("impact", impact);
    request.put("urgency", urgency);
    return start("desk", request);
  }

  private ResponseEntity<Map> reclassify(String user, ProcessInstance instance, String category, String impact,
      String urgency, String reason) {
    ResponseEntity<Map> response = post(user, instance, "reclassify",
        Map.of("category", category, "impact", impact, "urgency", urgency, "reason", reason));
    runJobs();
    return response;
  }
}
