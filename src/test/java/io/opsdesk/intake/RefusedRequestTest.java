package io.opsdesk.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad start is refused with a message naming the variable, whichever way it comes, and leaves
 * no process instance, ticket or journal entry behind.
 */
class RefusedRequestTest extends OpsDeskTest {

  /** variable to change, value ("<absent>" removes it), the text the refusal must contain. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "requesterName | <absent>  | requesterName is required",
      "subject       | '   '     | subject is required",
      "description   | <absent>  | description is required",
      "channel       | <absent>  | channel is required",
      "channel       | FAX       | channel must be one of PHONE, EMAIL, WEB, MONITORING (was 'FAX')",
      "category      | Hardware  | category must be one of",
      "impact        | HIGHEST   | impact must be one of HIGH, MEDIUM, LOW",
      "urgency       | low       | urgency must be one of HIGH, MEDIUM, LOW",
      "requesterPhone| <absent>  | requesterPhone is required for channel PHONE",
      "requesterPhone| call me   | requesterPhone must be a phone number",
      "requesterEmail| not-a-mail| requesterEmail must be an email address",
      "requesterId   | nobody    | requesterId is not a known user",
      "occurredAt    | yesterday | occurredAt must be an ISO-8601 date-time",
      "occurredAt    | 2999-01-01T10:00:00Z | occurredAt must not be in the future",
      "responseDue   | 2999-01-01T10:00:00Z | responseDue is set by the process",
      "handler       | tech      | handler is set by the process"})
  void refusedThroughTheJavaApi(String variable, String value, String message) {
    Map<String, Object> request = phoneCall();
    if ("<absent>".equals(value)) {
      request.remove(variable);
    } else {
      request.put(variable, value);
    }
    assertRefusedLeavingNothing(message, () -> assertThatThrownBy(() -> start("desk", request))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message));
  }

  @Test
  void monitoringRequestNamesTheAssetInsteadOfAPerson() {
    Map<String, Object> alert = phoneCall();
    alert.remove("requesterPhone");
    alert.put("channel", "MONITORING");
    assertRefusedLeavingNothing("assetId is required for channel MONITORING",
        () -> assertThatThrownBy(() -> start("desk", alert)).hasMessageContaining("assetId is required for channel MONITORING"));

    alert.put("assetId", "srv-db-01");
    assertThat(ticketOf(start("desk", alert)).assetId()).isEqualTo("srv-db-01");
  }

  @Test
  void webRequestNeedsAnEmailOrAPhone() {
    Map<String, Object> request = phoneCall();
    request.put("channel", "WEB");
    request.remove("requesterPhone");
    assertRefusedLeavingNothing("requesterEmail or requesterPhone is required",
        () -> assertThatThrownBy(() -> start("desk", request)).hasMessageContaining("requesterEmail or requesterPhone is required"));
  }

  @Test
  void overlongTextIsRefused() {
    Map<String, Object> request = phoneCall();
    request.put("subject", "x".repeat(201));
    assertRefusedLeavingNothing("subject must be at most 200 characters",
        () -> assertThatThrownBy(() -> start("desk", request)).hasMessageContaining("subject must be at most 200"));
  }

  @Test
  void refusedThroughTheEngineRestApi() {
    Map<String, Object> body = Map.of("variables", restVariables(phoneCall(), v -> v.put("category", "HARDWRE")));
    assertRefusedLeavingNothing("category", () -> {
      ResponseEntity<String> response = rest.withBasicAuth("desk", "desk")
          .postForEntity("/engine-rest/process-definition/key/service-request/start", body, String.class);
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).contains("\"errors\":{\"category\":\"must be one of").contains("HARDWRE");
    });
  }

  @Test
  void refusedThroughTheStartFormAsTasklistSubmitsIt() {
    // Tasklist submits the Camunda Form with every field, empty ones as "" or null.
    Map<String, Object> body = Map.of("variables", restVariables(phoneCall(), v -> {
      v.put("requesterName", "");
      v.put("requesterEmail", "");
      v.put("category", null);
    }));
    assertRefusedLeavingNothing("requesterName", () -> {
      ResponseEntity<String> response = rest.withBasicAuth("desk", "desk")
          .postForEntity("/engine-rest/process-definition/key/service-request/submit-form", body, String.class);
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).contains("requesterName is required");
    });
  }

  @Test
  void theServiceDeskMustChooseTheChannel() {
    Map<String, Object> body = Map.of("variables", restVariables(phoneCall(), v -> v.put("channel", null)));
    assertRefusedLeavingNothing("channel", () -> {
      ResponseEntity<String> response = rest.withBasicAuth("desk", "desk")
          .postForEntity("/engine-rest/process-definition/key/service-request/submit-form", body, String.class);
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).contains("\"errors\":{\"channel\":\"is required\"");
    });
  }

  @Test
  void startFormWithEmptyOptionalFieldsIsAccepted() {
    Map<String, Object> body = Map.of("variables", restVariables(phoneCall(), v -> {
      v.put("requesterEmail", "");
      v.put("location", "");
      v.put("occurredAt", "2026-01-05T08:15+08:00");
      v.put("category", null);
    }));
    ResponseEntity<Map> response = rest.withBasicAuth("desk", "desk")
        .postForEntity("/engine-rest/process-definition/key/service-request/submit-form", body, Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instanceId = (String) response.getBody().get("id");
    var instance = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
    runJobs();
    assertThat(openTask(instance, "triage")).isNotNull();
    assertThat(runtime.getVariables(instanceId)).doesNotContainKeys("requesterEmail", "location", "category");
    assertThat(ticketOf(instance).occurredAt()).hasToString("2026-01-05T00:15:00Z");
    assertThat(journal.entries(ticketOf(instance).ticketId()).get(0).actor()).isEqualTo("desk");
  }

  @Test
  void engineRestApiRequiresAuthentication() {
    ResponseEntity<String> response = rest.postForEntity("/engine-rest/process-definition/key/service-request/start",
        Map.of("variables", restVariables(phoneCall(), v -> { })), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private void assertRefusedLeavingNothing(String what, Runnable attempt) {
    long instances = history.createHistoricProcessInstanceQuery().processDefinitionKey("service-request").count();
    int ticketRows = count("ticket");
    int journalRows = count("ticket_journal");

    attempt.run();

    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("service-request").count())
        .as("process instances after a start refused for %s", what).isEqualTo(instances);
    assertThat(count("ticket")).as("tickets").isEqualTo(ticketRows);
    assertThat(count("ticket_journal")).as("journal entries").isEqualTo(journalRows);
  }

  private static Map<String, Object> restVariables(Map<String, Object> variables, Consumer<Map<String, Object>> change) {
    Map<String, Object> values = new LinkedHashMap<>(variables);
    change.accept(values);
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("value", value);
      v.put("type", value == null ? "Null" : "String");
      typed.put(name, v);
    });
    return typed;
  }
}
