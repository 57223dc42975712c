package io.opsdesk.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.Ticket;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The online channel: POST /api/tickets. */
class TicketIntakeApiTest extends OpsDeskTest {

  @Test
  void serviceDeskOpensARequestAndGetsItsTicketId() {
    Map<String, Object> request = new HashMap<>(phoneCall());
    request.put("channel", "WEB");
    request.put("occurredAt", "2026-01-05T08:15:00+08:00");

    ResponseEntity<Map> response = rest.withBasicAuth("desk", "desk").postForEntity("/api/tickets", request, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ticketId = (String) response.getBody().get("ticketId");
    assertThat(ticketId).matches("SR-\\d{4}-\\d{6}");
    assertThat(response.getHeaders().getLocation()).hasToString("/api/tickets/" + ticketId);
    runJobs();
    Ticket ticket = tickets.find(ticketId).orElseThrow();
    assertThat(ticket.channel()).isEqualTo("WEB");
    assertThat(ticket.priority()).isEqualTo("IMPORTANT");
    assertThat(journal.entries(ticketId).get(0).actor()).isEqualTo("desk");
    assertThat(rest.withBasicAuth("desk", "desk").getForEntity(response.getHeaders().getLocation().toString(), Map.class)
        .getBody()).containsEntry("ticketId", ticketId);
  }

  @Test
  void requesterOpensARequestForThemselvesWithTheirProfile() {
    Map<String, Object> request = Map.of("channel", "WEB", "subject", "Laptop will not boot",
        "description", "Black screen since this morning");

    ResponseEntity<Map> response = rest.withBasicAuth("alice", "alice").postForEntity("/api/tickets", request, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Ticket ticket = tickets.find((String) response.getBody().get("ticketId")).orElseThrow();
    assertThat(ticket.requesterId()).isEqualTo("alice");
    assertThat(ticket.requesterEmail()).isEqualTo("alice@example.com");
    assertThat(ticket.requesterName()).isEqualTo("Alice Demo");
    runJobs();
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(ticket.ticketId()).taskDefinitionKey("triage")
        .count()).isOne();
  }

  @Test
  void badInputNamesEveryFieldAndCreatesNothing() {
    long before = history.createHistoricProcessInstanceQuery().processDefinitionKey("service-request").count();
    int ticketRows = count("ticket");
    Map<String, Object> request = new HashMap<>();
    request.put("channel", "FAX");
    request.put("subject", "");
    request.put("category", "Hardware");
    request.put("impact", 3);
    request.put("urgency", List.of("HIGH"));

    ResponseEntity<Map> response = rest.withBasicAuth("desk", "desk").postForEntity("/api/tickets", request, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, String>) response.getBody().get("errors")).containsKeys("channel", "subject", "category",
        "impact", "urgency", "requesterName", "description", "requesterEmail");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("service-request").count())
        .isEqualTo(before);
    assertThat(count("ticket")).isEqualTo(ticketRows);
  }

  @Test
  void supportStaffAndAnonymousCannotOpenRequests() {
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets", phoneCall(), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.postForEntity("/api/tickets", phoneCall(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void openApiDescriptionIsServedToUsersOnly() {
    ResponseEntity<String> docs = rest.withBasicAuth("desk", "desk").getForEntity("/api/openapi", String.class);
    assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(docs.getBody()).contains("/api/tickets", "/api/tickets/{ticketId}/progress");
    assertThat(rest.getForEntity("/api/openapi", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
