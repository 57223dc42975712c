package io.opsdesk.attack;

import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 5: staff read every ticket with its personal data through /api, although the engine answers
 * 403 for the same instance. Now /api shows each person exactly the requests the engine lets them read,
 * in the list and the single read alike.
 */
class NeedToKnowAttackTest extends OpsDeskTest {

  /** Demo users: tech is in data-support, expert and senior are not. */
  private static final List<String> USERS = List.of("tech", "expert", "senior", "lead", "desk", "alice", "admin");

  @Test
  void aSupportGroupOutsideTheRequestSeesNothingOfIt() {
    ProcessInstance request = start("desk", dataRequestOf("alice"));
    String ticketId = request.getBusinessKey();

    for (String user : List.of("expert", "senior")) {
      assertThat(read(user, ticketId).getStatusCode()).as(user).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(listed(user, "")).as(user).doesNotContain(ticketId);
      // Filters do not widen the view: by requester, by category, with a large page.
      assertThat(listed(user, "requester=alice&category=DATA&size=100")).as(user).doesNotContain(ticketId);
    }
    for (String user : List.of("tech", "lead", "desk", "alice", "admin")) {
      assertThat(read(user, ticketId).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(listed(user, "size=100")).as(user).contains(ticketId);
    }
  }

  @Test
  void theApiAgreesWithTheEngineForEveryUser() {
    ProcessInstance data = start("desk", dataRequestOf("alice"));
    ProcessInstance hardware = start("desk", phoneCall());
    ProcessInstance consulted = start("desk", dataRequestOf(null));
    work("tech", consulted, "accept", vars("contactNote", "Called"));
    work("tech", consulted, "diagnose", vars("diagnosis", "Backup job stuck", "rootCause", "Disk full",
        "needsConsultation", true, "consultants", List.of("expert")));

    for (ProcessInstance instance : List.of(data, hardware, consulted)) {
      String ticketId = instance.getBusinessKey();
      for (String user : USERS) {
        boolean engine = engineReads(user, ticketId);
        assertThat(read(user, ticketId).getStatusCode() == HttpStatus.OK).as(user + " reads " + ticketId).isEqualTo(engine);
        assertThat(listed(user, "size=100").contains(ticketId)).as(user + " lists " + ticketId).isEqualTo(engine);
      }
    }
    // The consultant of a DATA request reads it; his colleague who was not asked does not.
    assertThat(engineReads("expert", consulted.getBusinessKey())).isTrue();
    assertThat(engineReads("senior", consulted.getBusinessKey())).isFalse();
  }

  @Test
  void whoCouldReadARequestStillCanOnceItIsClosedAndNobodyElse() {
    ProcessInstance instance = start("desk", dataRequestOf("alice"));
    handleUntilConfirmation(instance);
    work("alice", instance, "confirm", vars("satisfied", true, "satisfactionScore", 5));
    String ticketId = instance.getBusinessKey();

    assertThat(read("tech", ticketId).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read("alice", ticketId).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read("expert", ticketId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(listed("expert", "status=CLOSED&size=100")).doesNotContain(ticketId);
  }

  private Map<String, Object> dataRequestOf(String requesterId) {
    Map<String, Object> request = phoneCall();
    request.put("category", "DATA");
    request.put("subject", "Restore the payroll share");
    if (requesterId != null) {
      request.put("requesterId", requesterId);
    }
    return request;
  }

  private ResponseEntity<String> read(String user, String ticketId) {
    return rest.withBasicAuth(user, user).getForEntity("/api/tickets/" + ticketId, String.class);
  }

  @SuppressWarnings("unchecked")
  private List<String> listed(String user, String query) {
    ResponseEntity<Map> page = rest.withBasicAuth(user, user).getForEntity("/api/tickets?" + query, Map.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    return ((List<Map<String, Object>>) page.getBody().get("items")).stream().map(t -> (String) t.get("ticketId")).toList();
  }

  /** What Camunda's own REST API, with its authorization checks, lets the user see of the running request. */
  private boolean engineReads(String user, String ticketId) {
    ResponseEntity<List> found = rest.withBasicAuth(user, user)
        .getForEntity("/engine-rest/process-instance?businessKey=" + ticketId, List.class);
    assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
    return !found.getBody().isEmpty();
  }
}
