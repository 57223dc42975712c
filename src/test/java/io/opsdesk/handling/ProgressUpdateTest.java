package io.opsdesk.handling;

import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Manual 4.3.2: the handler keeps the requester informed, at any time before resolution. */
class ProgressUpdateTest extends OpsDeskTest {

  @Test
  void handlerPostsAProgressNoteThatLandsInTheJournal() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));

    var response = rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets/" + instance.getBusinessKey()
        + "/progress", Map.of("note", "Spare disk ordered, arrives tomorrow"), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(instance).isWaitingAt("diagnose").hasPassed("record-progress");
    assertThat(journal.entries(instance.getBusinessKey())).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("PROGRESS");
      assertThat(e.actor()).isEqualTo("tech");
      assertThat(e.text()).contains("Spare disk ordered");
    });
    // The requester has only a phone here: the mail step runs and says so in the journal.
    assertThat(journal.entries(instance.getBusinessKey())).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("MAIL_SKIPPED");
      assertThat(e.text()).contains("progress");
    });
  }

  @Test
  void theWorkingFormsOptionalNoteIsPostedOnce() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));

    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false,
        "progressUpdate", "Found the faulty disk"));
    // Tasklist fills a form from the task's form variables: the note must not come back at Resolve.
    assertThat(engine.getFormService().getTaskFormVariables(openTask(instance, "resolve").getId()).keySet())
        .doesNotContain("progressUpdate");
    work("tech", instance, "resolve", vars("solution", "Replaced it", "progressUpdate", ""));

    assertThat(journal.entries(instance.getBusinessKey()).stream().filter(e -> e.kind().equals("PROGRESS")))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo("tech");
          assertThat(e.text()).contains("Found the faulty disk");
        });
    assertThat(journal.entries(instance.getBusinessKey()).stream()
        .filter(e -> e.kind().startsWith("MAIL") && e.text().contains("progress"))).hasSize(1);
    assertThat(runtime.getVariables(instance.getId())).doesNotContainKey("progressUpdate");
  }

  @Test
  void onlyTheHandlingGroupDeskAndSupervisorsMayPost() {
    var data = phoneCall();
    data.put("category", "DATA");
    ProcessInstance instance = start("desk", data);
    String path = "/api/tickets/" + instance.getBusinessKey() + "/progress";
    Map<String, String> note = Map.of("note", "n");

    assertThat(rest.withBasicAuth("expert", "expert").postForEntity(path, note, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("alice", "alice").postForEntity(path, note, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity(path, note, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(rest.withBasicAuth("lead", "lead").postForEntity(path, note, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void emptyNoteIsRefusedAndResolvedRequestsTakeNoNotes() {
    ProcessInstance instance = start("desk", phoneCall());
    String path = "/api/tickets/" + instance.getBusinessKey() + "/progress";
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity(path, Map.of("note", " "), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    handleUntilConfirmation(instance);
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity(path, Map.of("note", "late"), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }
}
