package io.opsdesk.attack;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.hardening.Http;
import io.opsdesk.testsupport.OpsDeskTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the attack suite: a hostile requester, staff member or administrator sends requests the
 * way a script would, through the engine REST API (HTTP Basic) and the webapps' engine API
 * (Tasklist session with its CSRF token), and each test asserts the refusal and that nothing was
 * written.
 */
abstract class AttackTest extends OpsDeskTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The two HTTP ways into the engine's resources. */
  enum Api {
    ENGINE_REST("/engine-rest"),
    WEBAPP("/camunda/api/engine/engine/default");

    final String prefix;

    Api(String prefix) {
      this.prefix = prefix;
    }
  }

  /** A caller of {@code api} logged in as {@code user} (demo password = user id). */
  Caller as(Api api, String user) {
    return as(api, user, user);
  }

  Caller as(Api api, String user, String password) {
    Http http = api == Api.ENGINE_REST ? Http.basic(rest.getRootUri(), user, password)
        : Http.session(rest.getRootUri(), user, password);
    return new Caller(http, api.prefix);
  }

  record Caller(Http http, String prefix) {

    HttpResponse<String> post(String path, Object body) {
      return http.send("POST", prefix + path, json(body));
    }
  }

  static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Variables in the REST API's shape: {@code {"name": {"value": ..., "type": ...}}}. */
  static Map<String, Object> typed(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("value", value);
      entry.put("type", value == null ? "Null" : value instanceof Boolean ? "Boolean"
          : value instanceof Integer ? "Integer" : "String");
      typed.put(name, entry);
    });
    return typed;
  }

  /** What an attack could leave behind: instances, tickets, journal entries, queued mails. */
  record Footprint(long instances, int tickets, int journal, int mails) {
  }

  Footprint footprint() {
    return new Footprint(history.createHistoricProcessInstanceQuery().count(), count("ticket"),
        count("ticket_journal"), count("notification"));
  }

  void assertNothingWritten(Footprint before) {
    assertThat(footprint()).as("instances, tickets, journal entries, mails").isEqualTo(before);
  }

  static void assertRefused(HttpResponse<String> response, int status, String... messageParts) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains(messageParts);
  }
}
