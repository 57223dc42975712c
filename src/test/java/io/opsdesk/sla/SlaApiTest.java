package io.opsdesk.sla;

import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.SlaClock;
import io.opsdesk.ticket.SlaClockKind;
import io.opsdesk.ticket.SlaClocks;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls of a ticket's /api actions (pause, resume, reclassify) and a look at its SLA clocks. */
abstract class SlaApiTest extends OpsDeskTest {

  @Autowired SlaClocks clocks;

  protected ResponseEntity<Map> post(String user, ProcessInstance instance, String action, Map<String, ?> body) {
    return rest.withBasicAuth(user, user).postForEntity(path(instance, action), body, Map.class);
  }

  protected String path(ProcessInstance instance, String action) {
    return "/api/tickets/" + instance.getBusinessKey() + "/" + action;
  }

  /** The action answers 400 naming exactly {@code field}. */
  protected void assertBadRequest(String user, ProcessInstance instance, String action, Map<String, Object> body,
      String field) {
    ResponseEntity<Map> response = post(user, instance, action, body);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(List.copyOf(((Map<?, ?>) response.getBody().get("errors")).keySet())).isEqualTo(List.of(field));
  }

  /** The ticket's first clock of this kind (round 0). */
  protected SlaClock clock(Ticket ticket, SlaClockKind kind) {
    return clocks.of(ticket.ticketId()).stream().filter(c -> c.clock() == kind).findFirst().orElseThrow();
  }

  protected List<String> clockEvents(Ticket ticket, SlaClockKind kind) {
    return clocks.events(ticket.ticketId()).stream().filter(e -> kind.name().equals(e.get("clock")))
        .map(e -> (String) e.get("event")).toList();
  }
}
