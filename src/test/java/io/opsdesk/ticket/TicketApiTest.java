package io.opsdesk.ticket;

import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/tickets/{ticketId}: the record and its journal, to staff and to the ticket's own requester only. */
class TicketApiTest extends OpsDeskTest {

  @Test
  void staffReadTheTicketWithItsJournal() {
    var request = phoneCall();
    request.put("requesterId", "alice");
    ProcessInstance instance = start("desk", request);
    work("tech", instance, "accept", vars("contactNote", "Called"));
    String ticketId = instance.getBusinessKey();

    ResponseEntity<Map> response = rest.withBasicAuth("lead", "lead").getForEntity("/api/tickets/" + ticketId, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> ticket = response.getBody();
    assertThat(ticket).containsEntry("ticketId", ticketId).containsEntry("status", "IN_PROGRESS")
        .containsEntry("priority", "IMPORTANT").containsEntry("category", "HARDWARE")
        .containsEntry("subject", "Mail server does not answer").containsEntry("candidateGroup", "hardware-support")
        .containsEntry("responseBreached", false).containsEntry("resolutionBreached", false)
        .containsEntry("closeReason", null).containsEntry("handler", "tech")
        .containsKeys("responseDue", "resolutionDue", "createdAt");
    assertThat((String) ticket.get("responseDue")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    List<Map<String, Object>> entries = (List<Map<String, Object>>) ticket.get("journal");
    assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(e).containsKeys("time", "actor", "text"));
    assertThat(entries.get(0)).containsEntry("actor", "desk");
  }

  @Test
  void requesterReadsOwnTicketButNotSomebodyElses() {
    var mine = phoneCall();
    mine.put("requesterId", "alice");
    String own = start("desk", mine).getBusinessKey();
    String other = start("desk", phoneCall()).getBusinessKey();

    assertThat(rest.withBasicAuth("alice", "alice").getForEntity("/api/tickets/" + own, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("alice", "alice").getForEntity("/api/tickets/" + other, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void anonymousAndWrongPasswordAreTurnedAway() {
    String ticketId = start("desk", phoneCall()).getBusinessKey();
    assertThat(rest.getForEntity("/api/tickets/" + ticketId, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // A user of its own: a wrong password makes Camunda's login throttling hold the user back a while.
    if (identity.createUserQuery().userId("guessed").count() == 0) {
      var user = identity.newUser("guessed");
      user.setPassword("a-long-secret-1");
      identity.saveUser(user);
      identity.createMembership("guessed", "service-desk");
    }
    assertThat(rest.withBasicAuth("guessed", "wrong").getForEntity("/api/tickets/" + ticketId, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void unknownTicketIsNotFound() {
    assertThat(rest.withBasicAuth("desk", "desk").getForEntity("/api/tickets/SR-1999-000001", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }
}
