package io.opsdesk.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Attempts an attacker would make on the web boundary: forged requests, guessed passwords, huge bodies. */
class BreakInTest extends OpsDeskTest {

  @Test
  void webappSessionRequestsWithoutTheCsrfTokenAreRefused() {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    Session tech = login("tech", "tech");
    String claim = "/camunda/api/engine/engine/default/task/" + accept.getId() + "/claim";

    HttpResponse<String> forged = tech.post(claim, "{\"userId\":\"tech\"}", false);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(openTask(instance, "accept").getAssignee()).isNull();

    // The refused request also ended that session; a fresh one that sends its token succeeds.
    HttpResponse<String> genuine = login("tech", "tech").post(claim, "{\"userId\":\"tech\"}", true);
    assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(204);
    assertThat(openTask(instance, "accept").getAssignee()).isEqualTo("tech");
  }

  @Test
  void aMistypedPasswordDoesNotHoldBackTheRightOne() {
    createUser("target", "correct-horse-battery");
    assertThat(rest.withBasicAuth("target", "guess-1").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // No per-user lock any more: guessing is slowed per client (attack.LoginLockoutAttackTest).
    assertThat(rest.withBasicAuth("target", "correct-horse-battery").getForEntity("/engine-rest/task", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void oversizedBodiesAndTextsAreRefused() {
    String huge = "x".repeat(2 * 1024 * 1024);
    ResponseEntity<String> body = rest.withBasicAuth("desk", "desk").postForEntity(
        "/engine-rest/process-definition/key/service-request/start",
        Map.of("variables", Map.of("description", Map.of("value", huge))), String.class);
    assertThat(body.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);

    Map<String, Object> start = Map.of("variables", Map.of(
        "requesterName", Map.of("value", "Li"), "requesterPhone", Map.of("value", "+86 10 1234 5678"),
        "channel", Map.of("value", "PHONE"), "subject", Map.of("value", "s"),
        "description", Map.of("value", "d".repeat(4001)), "notes", Map.of("value", "n".repeat(5000))));
    ResponseEntity<String> text = rest.withBasicAuth("desk", "desk").postForEntity(
        "/engine-rest/process-definition/key/service-request/start", start, String.class);
    assertThat(text.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(text.getBody()).contains("\"description\":\"must be at most 4000 characters\"",
        "\"notes\":\"must be at most 4000 characters\"");
  }

  @Test
  void jsonEndpointsRefuseOtherContentTypes() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> response = rest.withBasicAuth("desk", "desk").exchange(
        "/engine-rest/process-definition/key/service-request/start", HttpMethod.POST,
        new HttpEntity<>("requesterName=x", headers), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  private void createUser(String id, String password) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      var user = identity.newUser(id);
      user.setPassword(password);
      identity.saveUser(user);
    }
  }

  /** A browser session of the Camunda webapps: cookies kept, the CSRF token they hand out remembered. */
  private Session login(String user, String password) {
    Session session = new Session();
    HttpResponse<String> page = session.send(HttpRequest.newBuilder(session.uri("/camunda/app/tasklist/default/")).GET());
    session.csrfToken = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(session.uri("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", session.csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // Logging in starts a new session (no fixation), which hands out a new token on its first request.
    HttpResponse<String> whoAmI = session.send(HttpRequest.newBuilder(session.uri("/camunda/api/admin/auth/user/default")).GET());
    session.csrfToken = whoAmI.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    return session;
  }

  private final class Session {
    private final HttpClient client = HttpClient.newHttpClient();
    /** Kept by hand: java.net's cookie manager drops Camunda's "HttpOnly;SameSite=Lax" session cookie. */
    private final Map<String, String> cookies = new java.util.LinkedHashMap<>();
    private String csrfToken;

    URI uri(String path) {
      return URI.create(rest.getRootUri() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
      if (!cookies.isEmpty()) {
        request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
            .collect(java.util.stream.Collectors.joining("; ")));
      }
      try {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
          String[] pair = set.split(";", 2)[0].split("=", 2);
          cookies.put(pair[0].trim(), pair.length > 1 ? pair[1] : "");
        }
        return response;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    HttpResponse<String> post(String path, String json, boolean withToken) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json));
      if (withToken) {
        request.header("X-XSRF-TOKEN", csrfToken);
      }
      return send(request);
    }
  }
}
