package io.opsdesk.ticket;

import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/tickets: filters, paging, and requesters limited to their own tickets. */
class TicketListTest extends OpsDeskTest {

  @Test
  void staffFilterByStatusPriorityCategoryAndBreach() {
    var network = phoneCall();
    network.put("category", "NETWORK");
    network.put("impact", "LOW");
    network.put("urgency", "LOW");
    ProcessInstance minor = start("desk", network);
    ProcessInstance breached = start("desk", phoneCall());
    management.executeJob(timer(breached, "timer-response-due").getId());

    assertThat(ids("desk", "category=NETWORK&priority=MINOR&status=ASSIGNED")).contains(minor.getBusinessKey())
        .doesNotContain(breached.getBusinessKey());
    assertThat(ids("lead", "breached=true")).contains(breached.getBusinessKey()).doesNotContain(minor.getBusinessKey());
    assertThat(ids("lead", "breached=false")).contains(minor.getBusinessKey()).doesNotContain(breached.getBusinessKey());
  }

  @Test
  void pagesAreNewestFirstWithATotal() {
    for (int i = 0; i < 3; i++) {
      start("desk", phoneCall());
    }
    ResponseEntity<Map> first = rest.withBasicAuth("desk", "desk").getForEntity("/api/tickets?size=2&page=0", Map.class);
    ResponseEntity<Map> second = rest.withBasicAuth("desk", "desk").getForEntity("/api/tickets?size=2&page=1", Map.class);
    List<Map<String, Object>> a = (List<Map<String, Object>>) first.getBody().get("items");
    List<Map<String, Object>> b = (List<Map<String, Object>>) second.getBody().get("items");
    assertThat(a).hasSize(2);
    assertThat(((Number) first.getBody().get("total")).longValue()).isGreaterThanOrEqualTo(3);
    assertThat((String) a.get(0).get("createdAt")).isGreaterThanOrEqualTo((String) a.get(1).get("createdAt"));
    assertThat((String) a.get(1).get("createdAt")).isGreaterThanOrEqualTo((String) b.get(0).get("createdAt"));
  }

  @Test
  void requestersListOnlyTheirOwnTicketsWhateverTheyAskFor() {
    var mine = phoneCall();
    mine.put("requesterId", "alice");
    String own = start("desk", mine).getBusinessKey();
    String other = start("desk", phoneCall()).getBusinessKey();

    assertThat(ids("alice", "")).contains(own).doesNotContain(other);
    assertThat(ids("alice", "requester=desk")).doesNotContain(own, other);
  }

  @Test
  void createdDatesAreInclusiveDays() {
    String today = java.time.LocalDate.now(java.time.ZoneId.systemDefault()).toString();
    String ticket = start("desk", phoneCall()).getBusinessKey();
    assertThat(ids("desk", "createdFrom=" + today + "&createdTo=" + today + "&size=100")).contains(ticket);
    assertThat(ids("desk", "createdTo=2000-01-01")).doesNotContain(ticket);
  }

  @Test
  void badFiltersAnswer400NamingTheParameter() {
    ResponseEntity<Map> status = rest.withBasicAuth("desk", "desk").getForEntity("/api/tickets?status=DONE", Map.class);
    assertThat(status.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, String>) status.getBody().get("errors")).containsKey("status");
    ResponseEntity<Map> size = rest.withBasicAuth("desk", "desk").getForEntity("/api/tickets?size=1000&priority=HIGH", Map.class);
    assertThat((Map<String, String>) size.getBody().get("errors")).containsKeys("size", "priority");
  }

  private List<String> ids(String user, String query) {
    ResponseEntity<Map> response = rest.withBasicAuth(user, user).getForEntity("/api/tickets?" + query, Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return ((List<Map<String, Object>>) response.getBody().get("items")).stream()
        .map(t -> (String) t.get("ticketId")).toList();
  }
}
