package io.opsdesk.flow;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Completing a task with missing or malformed input is refused and the task stays where it was. */
class TaskInputTest extends OpsDeskTest {

  @Test
  void acceptNeedsAContactNoteAndARefusalRollsBackTicketAndJournal() {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    as("tech", () -> {
      taskService.claim(accept.getId(), "tech");
      return null;
    });
    int journalRows = count("ticket_journal");

    assertThatThrownBy(() -> as("tech", () -> {
      taskService.complete(accept.getId(), vars("contactNote", "  "));
      return null;
    })).hasMessageContaining("Task accept not completed: contactNote is required");

    assertThat(instance).isWaitingAt("accept");
    // the refusal rolls back the whole completion: no handler, no status change, no journal entry
    assertThat(ticketOf(instance).handler()).isNull();
    assertThat(ticketOf(instance).status()).isEqualTo(io.opsdesk.ticket.TicketStatus.ASSIGNED);
    assertThat(count("ticket_journal")).isEqualTo(journalRows);
  }

  @Test
  void satisfactionScoreOutsideOneToFiveIsRefused() {
    ProcessInstance instance = start("desk", phoneCall());
    handleUntilConfirmation(instance);

    assertThatThrownBy(() -> work("desk", instance, "confirm", vars("satisfied", true, "satisfactionScore", 7)))
        .hasMessageContaining("satisfactionScore must be a whole number from 1 to 5");
    assertThatThrownBy(() -> work("desk", instance, "confirm", vars("satisfied", "yes", "satisfactionScore", 3)))
        .hasMessageContaining("satisfied must be true or false");
    assertThat(instance).isWaitingAt("confirm");
  }

  @Test
  void consultationMustNameExistingUsers() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));
    assertThatThrownBy(() -> work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r",
        "needsConsultation", true, "consultants", "[\"expert\", \"ghost\"]")))
        .hasMessageContaining("consultants names unknown users: ghost");
    assertThatThrownBy(() -> work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r",
        "needsConsultation", true)))
        .hasMessageContaining("consultants must name at least one user");
    assertThat(instance).isWaitingAt("diagnose");
  }

  @Test
  void refusedCompletionThroughRestAnswers400NamingTheVariable() {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    ResponseEntity<String> response = rest.withBasicAuth("tech", "tech").postForEntity(
        "/engine-rest/task/" + accept.getId() + "/complete", Map.of("variables", Map.of()), String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("\"contactNote\":\"is required\"");
    assertThat(instance).isWaitingAt("accept");
  }

  @Test
  void acceptCompletedThroughRestWithoutClaimMakesTheCallerTheHandler() {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    ResponseEntity<String> response = rest.withBasicAuth("tech", "tech").postForEntity(
        "/engine-rest/task/" + accept.getId() + "/complete",
        Map.of("variables", Map.of("contactNote", Map.of("value", "Called back", "type", "String"))), String.class);
    assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    runJobs();
    assertThat(ticketOf(instance).handler()).isEqualTo("tech");
    assertThat(openTask(instance, "diagnose").getAssignee()).isEqualTo("tech");
  }
}
