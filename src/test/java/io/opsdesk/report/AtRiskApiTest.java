package io.opsdesk.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.opsdesk.hardening.Http;
import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/reports/at-risk follows the engine's clock: a request enters the list when its group is
 * warned or its clock is within the hour, is marked breached once overdue, and leaves when resolved.
 * Other tests' requests may be at risk at the same time: only this test's rows are looked at.
 */
class AtRiskApiTest extends OpsDeskTest {

  private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS = new ParameterizedTypeReference<>() {
  };

  /** GENERAL (MEDIUM/MEDIUM): 8 working hours to resolve, warned after 6, so warned long before the last hour. */
  @Test
  void aRequestIsAtRiskFromItsWarningUntilItIsResolved() {
    ProcessInstance instance = openAt("2025-06-09T14:00", "MEDIUM", "MEDIUM");
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Ticket ticket = ticketOf(instance);
    assertThat(ticket.priority()).isEqualTo("GENERAL");
    Instant warningAt = timer(instance, "timer-resolution-warning").getDuedate().toInstant();
    Instant dueAt = ticket.resolutionDue();
    assertThat(dueAt).isAfter(warningAt.plusSeconds(3600));

    clockAt(warningAt.minusSeconds(60));
    runJobs();
    assertThat(rowsOf(ticket)).isEmpty();

    clockAt(warningAt.plusSeconds(1));
    runJobs();
    Map<String, Object> warned = rowsOf(ticket).stream().filter(r -> r.get("clock").equals("RESOLUTION")).findFirst()
        .orElseThrow();
    assertThat(warned).containsEntry("subject", ticket.subject()).containsEntry("priority", "GENERAL")
        .containsEntry("candidateGroup", ticket.candidateGroup()).containsEntry("status", "IN_PROGRESS")
        .containsEntry("breached", false).containsEntry("processInstanceId", instance.getId())
        .containsEntry("dueAt", dueAt.toString());
    assertThat(((Number) warned.get("minutesLeft")).longValue())
        .isEqualTo(java.time.Duration.between(warningAt.plusSeconds(1), dueAt).toMinutes());

    clockAt(dueAt.plusSeconds(61));
    runJobs();
    assertThat(rowsOf(ticket)).singleElement().satisfies(row -> {
      assertThat(row).containsEntry("clock", "RESOLUTION").containsEntry("breached", true);
      assertThat(((Number) row.get("minutesLeft")).longValue()).isEqualTo(-1);
    });

    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "s"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok"));
    assertThat(rowsOf(ticket)).isEmpty();
  }

  /** An URGENT request's one-hour-or-less response clock is at risk from the start, until accepted. */
  @Test
  void anUnacceptedRequestDueWithinTheHourIsAtRiskAtOnce() {
    ProcessInstance instance = openAt("2025-06-10T10:00", "HIGH", "HIGH");
    Ticket ticket = ticketOf(instance);
    assertThat(rowsOf(ticket)).extracting(r -> r.get("clock")).contains("RESPONSE");
    assertThat(rowsOf(ticket)).allSatisfy(r -> assertThat(r).containsEntry("breached", false));

    work("tech", instance, "accept", vars("contactNote", "Called"));
    assertThat(rowsOf(ticket)).extracting(r -> r.get("clock")).doesNotContain("RESPONSE");
  }

  /** A paused clock cannot run out while the request waits: it leaves the list, and is back when resumed. */
  @Test
  void aWaitingRequestIsNotAtRisk() {
    ProcessInstance instance = openAt("2025-06-11T14:00", "MEDIUM", "MEDIUM");
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Ticket ticket = ticketOf(instance);
    clockAt(timer(instance, "timer-resolution-warning").getDuedate().toInstant().plusSeconds(1));
    runJobs();
    assertThat(rowsOf(ticket)).extracting(r -> r.get("clock")).containsExactly("RESOLUTION");

    post(ticket, "pause", Map.of("waitingFor", "VENDOR", "reason", "Spare part ordered"));
    assertThat(rowsOf(ticket)).isEmpty();
    post(ticket, "resume", Map.of());
    assertThat(rowsOf(ticket)).extracting(r -> r.get("clock")).containsExactly("RESOLUTION");
  }

  private void post(Ticket ticket, String action, Map<String, ?> body) {
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets/" + ticket.ticketId() + "/" + action,
        body, Map.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runJobs();
  }

  @Test
  void onlySupervisorsAndAdministratorsSeeIt() {
    assertThat(status("lead")).isEqualTo(HttpStatus.OK);
    assertThat(status("admin")).isEqualTo(HttpStatus.OK);
    for (String user : List.of("desk", "tech", "expert", "alice")) {
      assertThat(status(user)).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(rest.getForEntity("/api/reports/at-risk", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // The same rule through a webapp session.
    assertThat(Http.session(rest.getRootUri(), "lead", "lead", "cockpit").send("GET", "/api/reports/at-risk", null)
        .statusCode()).isEqualTo(200);
    assertThat(Http.session(rest.getRootUri(), "alice", "alice", "tasklist").send("GET", "/api/reports/at-risk", null)
        .statusCode()).isEqualTo(403);
  }

  @Test
  void anUnknownParameterIsRefused() {
    ResponseEntity<Map> refused = rest.withBasicAuth("lead", "lead").getForEntity("/api/reports/at-risk?group=x", Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().toString()).contains("group");
  }

  private ResponseEntity<List<Map<String, Object>>> get(String user) {
    return rest.withBasicAuth(user, user).exchange("/api/reports/at-risk", HttpMethod.GET, null, ROWS);
  }

  private org.springframework.http.HttpStatusCode status(String user) {
    return rest.withBasicAuth(user, user).getForEntity("/api/reports/at-risk", String.class).getStatusCode();
  }

  private List<Map<String, Object>> rowsOf(Ticket ticket) {
    ResponseEntity<List<Map<String, Object>>> response = get("lead");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody().stream().filter(r -> ticket.ticketId().equals(r.get("ticketId"))).toList();
  }
}
