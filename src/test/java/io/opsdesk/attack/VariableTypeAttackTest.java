package io.opsdesk.attack;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 7: an object variable could be any Java type, deserialized from JSON the caller wrote
 * ({@code java.io.File}, OpsDesk's own beans). Now only the types in
 * {@code deserializationAllowedClasses} are stored; anything else answers 400 naming the variable,
 * through a start, a task completion or form submission, and an administrator's variable update,
 * and leaves nothing behind: no instance, no ticket, no variable, the task still open.
 */
class VariableTypeAttackTest extends OpsDeskTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  /** Hostile values: each a type OpsDesk never stores, or a value that is not what its type says. */
  static java.util.stream.Stream<Arguments> hostile() {
    return java.util.stream.Stream.of(
        Arguments.of("a file", object("java.io.File", "\"/etc/passwd\"")),
        Arguments.of("an OpsDesk bean", object("io.opsdesk.mailbox.MailboxProperties",
            "{\"host\":\"evil.example\",\"password\":\"x\"}")),
        Arguments.of("a java.lang class Camunda allows by default", object("java.lang.Thread", "\"x\"")),
        Arguments.of("a file inside an allowed list", object("java.util.ArrayList<java.io.File>", "[\"/etc/passwd\"]")),
        Arguments.of("a map of beans", object("java.util.HashMap<java.lang.String,io.opsdesk.ticket.Ticket>", "{}")),
        Arguments.of("an allowed type with a value that is not one",
            object("java.util.ArrayList<java.lang.String>", "{\"not\":\"a list\"}")),
        Arguments.of("Java serialization", javaSerialized(new File("/etc/passwd"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void aStartWithAnObjectOfAForeignTypeIsRefusedAndCreatesNothing(String what, Map<String, Object> value) {
    long instances = history.createHistoricProcessInstanceQuery().count();
    int tickets = count("ticket");
    Map<String, Object> variables = new LinkedHashMap<>();
    phoneCall().forEach((name, plain) -> variables.put(name, Map.of("value", plain)));
    variables.put("description", value);

    LoopbackClient.Response response = engineRest("desk").json("POST",
        "/engine-rest/process-definition/key/service-request/start", json(Map.of("variables", variables)));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("description");
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(count("ticket")).isEqualTo(tickets);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void aCompletionOrFormSubmissionWithOneIsRefusedAndTheTaskStaysOpen(String what, Map<String, Object> value) {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    as("tech", () -> {
      taskService.claim(accept.getId(), "tech");
      return null;
    });
    String body = json(Map.of("variables", Map.of("contactNote", value)));

    for (String action : new String[] {"complete", "submit-form"}) {
      LoopbackClient.Response response = engineRest("tech").json("POST",
          "/engine-rest/task/" + accept.getId() + "/" + action, body);
      assertThat(response.status()).as(action + ": " + response.body()).isEqualTo(400);
      assertThat(response.body()).contains("contactNote");
    }
    assertThat(openTask(instance, "accept")).isNotNull();
    assertThat(runtime.getVariable(instance.getId(), "contactNote")).isNull();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("contactNote").count()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void evenAnAdministratorCannotStoreOne(String what, Map<String, Object> value) {
    ProcessInstance instance = start("desk", phoneCall());
    String variables = "/engine-rest/process-instance/" + instance.getId() + "/variables";

    LoopbackClient.Response put = engineRest("admin").json("PUT", variables + "/evidence", json(value));
    assertThat(put.status()).as(put.body()).isEqualTo(400);
    assertThat(put.body()).contains("evidence");
    LoopbackClient.Response modify = engineRest("admin").json("POST", variables,
        json(Map.of("modifications", Map.of("evidence", value))));
    assertThat(modify.status()).as(modify.body()).isEqualTo(400);
    // The Admin/Cockpit webapps' copy of the API: refused as well (Camunda's own mapper answers it with 500).
    LoopbackClient webapp = LoopbackClient.at("127.0.0.1", port);
    webapp.webappLogin("admin", "admin");
    LoopbackClient.Response app = webapp.json("PUT",
        "/camunda/api/engine/engine/default/process-instance/" + instance.getId() + "/variables/evidence", json(value));
    assertThat(app.status()).as(app.body()).isGreaterThanOrEqualTo(400);
    assertThat(app.body()).contains("evidence");

    assertThat(runtime.getVariable(instance.getId(), "evidence")).isNull();
  }

  @Test
  void theTypesOpsDeskUsesAreStoredAndReadBack() {
    ProcessInstance instance = start("desk", phoneCall());
    String path = "/engine-rest/process-instance/" + instance.getId() + "/variables/assetIds";

    LoopbackClient.Response put = engineRest("admin").json("PUT", path,
        json(object("java.util.ArrayList<java.lang.String>", "[\"PC-0042\",\"PRN-0007\"]")));
    assertThat(put.status()).as(put.body()).isEqualTo(204);

    LoopbackClient.Response read = engineRest("admin").json("GET", path, null);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("PC-0042", "PRN-0007");
    assertThat(runtime.getVariable(instance.getId(), "assetIds")).asList().containsExactly("PC-0042", "PRN-0007");
  }

  private LoopbackClient engineRest(String user) {
    return LoopbackClient.at("127.0.0.1", port).basic(user, user);
  }

  private static Map<String, Object> object(String type, String serialized) {
    return Map.of("type", "Object", "value", serialized,
        "valueInfo", Map.of("objectTypeName", type, "serializationDataFormat", "application/json"));
  }

  private static Map<String, Object> javaSerialized(Object object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("type", "Object", "value", Base64.getEncoder().encodeToString(bytes.toByteArray()),
        "valueInfo", Map.of("objectTypeName", object.getClass().getName(),
            "serializationDataFormat", "application/x-java-serialized-object"));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
