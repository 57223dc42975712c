package io.opsdesk.attack;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.opsdesk.notify.Outbox;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 4: a requester opened requests in someone else's name (name and email in the body won
 * over her profile; through the engine REST API even {@code requesterId=desk}), and OpsDesk mailed
 * the stranger her text. The engine's start rules now put her own profile on every request she
 * opens, through every channel; only the service desk and administrators open requests for others.
 */
class RequesterSpoofingAttackTest extends AttackTest {

  static final String STRANGER = "stranger@example.org";
  static final String BOB_PASSWORD = "no-mail-for-him-2026";

  @Autowired Outbox outbox;

  /** Everything a requester could send to pass as somebody else; the phone number is hers to give. */
  static Map<String, Object> spoofed() {
    Map<String, Object> request = phoneCall();
    request.put("channel", "WEB");
    request.put("requesterName", "Desk Person");
    request.put("requesterEmail", STRANGER);
    request.put("requesterId", "desk");
    request.put("requesterPhone", "+49 30 1234567");
    return request;
  }

  @Test
  void throughOurApi() {
    HttpResponse<String> response = as(Api.ENGINE_REST, "alice").http().send("POST", "/api/tickets", json(spoofed()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertInHerOwnName(tickets.find(response.body().replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1")).orElseThrow());
  }

  static Stream<Arguments> engineStarts() {
    return Stream.of(Api.values()).flatMap(api -> Stream.of("start", "submit-form").map(how -> Arguments.of(api, how)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("engineStarts")
  void throughTheEngineApis(Api api, String how) {
    HttpResponse<String> response = as(api, "alice").post("/process-definition/key/service-request/" + how,
        Map.of("variables", typed(spoofed())));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String instanceId = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    assertInHerOwnName(ticketOf(runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()));
    assertThat(runtime.getVariables(instanceId)).containsEntry("requesterId", "alice")
        .containsEntry("requesterEmail", "alice@example.com").containsEntry("requesterName", "Alice Demo");
  }

  @Test
  void throughTheJavaApiWithAnAuthenticatedUser() {
    assertInHerOwnName(ticketOf(start("alice", spoofed())));
  }

  @Test
  void aProfileWithoutEmailLeavesNoStrangersAddressBehind() {
    identity.saveUser(withoutEmail());
    identity.createMembership("bob", "requesters");
    try {
      Map<String, Object> request = spoofed();
      request.remove("requesterPhone");
      Footprint before = footprint();

      HttpResponse<String> refused = as(Api.ENGINE_REST, "bob", BOB_PASSWORD).post(
          "/process-definition/key/service-request/start", Map.of("variables", typed(request)));

      // no email of his own and no phone: he must give a number, the stranger's address does not count
      assertRefused(refused, 400, "requesterEmail or requesterPhone is required");
      assertNothingWritten(before);
    } finally {
      identity.deleteUser("bob");
    }
  }

  @Test
  void aRequesterLeavesNameEmailAndChannelEmptyOnTheStartForm() {
    // As Tasklist submits the start form: empty fields as "" or null.
    Map<String, Object> form = new HashMap<>();
    form.put("requesterName", "");
    form.put("requesterEmail", "");
    form.put("channel", null);
    form.put("subject", "Printer on floor 3 jams");
    form.put("description", "Every second page jams.");

    HttpResponse<String> response = as(Api.WEBAPP, "alice").post("/process-definition/key/service-request/submit-form",
        Map.of("variables", typed(form)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String instanceId = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    Ticket ticket = ticketOf(runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult());
    assertThat(ticket.channel()).isEqualTo("WEB");
    assertThat(ticket.requesterName()).isEqualTo("Alice Demo");
    assertThat(ticket.requesterEmail()).isEqualTo("alice@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"desk", "admin"})
  void theServiceDeskAndAdministratorsOpenRequestsForOthers(String user) {
    Map<String, Object> forAlice = phoneCall();
    forAlice.put("requesterId", "alice");
    forAlice.put("requesterName", "Alice on the phone");
    forAlice.put("requesterEmail", "alice.private@example.net");

    HttpResponse<String> response = as(Api.ENGINE_REST, user).http().send("POST", "/api/tickets", json(forAlice));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    Ticket ticket = tickets.find(response.body().replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1")).orElseThrow();
    assertThat(ticket.requesterId()).isEqualTo("alice");
    assertThat(ticket.requesterName()).isEqualTo("Alice on the phone");
    assertThat(ticket.requesterEmail()).isEqualTo("alice.private@example.net");
    assertThat(ticket.requesterPhone()).isEqualTo("+86 10 5555 0101");
  }

  private void assertInHerOwnName(Ticket ticket) {
    assertThat(ticket.requesterId()).isEqualTo("alice");
    assertThat(ticket.requesterName()).isEqualTo("Alice Demo");
    assertThat(ticket.requesterEmail()).isEqualTo("alice@example.com");
    assertThat(ticket.requesterPhone()).isEqualTo("+49 30 1234567");
    assertThat(outbox.ofTicket(ticket.ticketId())).isNotEmpty()
        .allSatisfy(mail -> assertThat(mail.recipient()).isEqualTo("alice@example.com"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE recipient = ?", Integer.class, STRANGER))
        .isZero();
  }

  private org.camunda.bpm.engine.identity.User withoutEmail() {
    var bob = identity.newUser("bob");
    bob.setFirstName("Bob");
    bob.setPassword(BOB_PASSWORD);
    return bob;
  }
}
