package io.opsdesk.attack;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Finding 2: completing a task took any variable into the process scope: a requester completing
 * her own confirmation with another ticket's id closed that ticket, a handler rewrote the
 * requester's email on acceptance, and none of it reached the journal. A task now takes only the
 * variables its model declares in {@code inputs}; anything else is refused with 400 naming it,
 * before anything is written, through every way a task's variables reach the engine.
 */
class UndeclaredVariableAttackTest extends AttackTest {

  static final List<String> UNDECLARED = List.of("ticketId", "requesterEmail", "priority", "candidateGroup",
      "handler", "resolutionDue", "reopenCount", "madeUpName");

  ProcessInstance instance;
  Ticket before;

  @BeforeEach
  void requestWaitingForAcceptance() {
    Map<String, Object> request = phoneCall();
    request.put("requesterEmail", "li.wei@example.com");
    instance = start("desk", request);
    before = ticketOf(instance);
  }

  static Stream<Arguments> undeclaredThroughEveryEndpoint() {
    return Stream.of(Api.values()).flatMap(api -> Stream.of("complete", "submit-form")
        .flatMap(endpoint -> UNDECLARED.stream().map(variable -> Arguments.of(api, endpoint, variable))));
  }

  @ParameterizedTest(name = "{0} {1} with {2}")
  @MethodSource("undeclaredThroughEveryEndpoint")
  void handlerCannotSlipAVariableIntoAcceptance(Api api, String endpoint, String variable) {
    Task accept = openTask(instance, "accept");
    Object valueBefore = runtime.getVariable(instance.getId(), variable);
    Footprint footprint = footprint();

    HttpResponse<String> response = as(api, "tech").post("/task/" + accept.getId() + "/" + endpoint,
        Map.of("variables", typed(vars("contactNote", "Called back", variable, "attacker@example.org"))));

    assertRefused(response, 400, "InvalidInputException", "\"" + variable + "\":\"is not an input of task accept\"");
    assertThat(response.body()).doesNotContain("contactNote\":");
    assertNothingWritten(footprint);
    assertThat(runtime.getVariable(instance.getId(), variable)).isEqualTo(valueBefore);
    assertThat(instance).isWaitingAt("accept");
    assertThat(ticketOf(instance)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void requesterCannotCloseAnotherTicketFromHerOwnConfirmation(Api api) {
    Map<String, Object> own = phoneCall();
    own.put("requesterId", "alice");
    ProcessInstance mine = start("desk", own);
    handleUntilConfirmation(mine);
    handleUntilConfirmation(instance);
    Ticket victim = ticketOf(instance);
    Task confirm = openTask(mine, "confirm");
    Footprint footprint = footprint();

    HttpResponse<String> response = as(api, "alice").post("/task/" + confirm.getId() + "/complete", Map.of(
        "variables", typed(vars("satisfied", true, "satisfactionScore", 1, "ticketId", victim.ticketId()))));

    assertRefused(response, 400, "\"ticketId\":\"is not an input of task confirm\"");
    assertNothingWritten(footprint);
    assertThat(ticketOf(instance)).isEqualTo(victim);
    assertThat(runtime.getVariable(mine.getId(), "ticketId")).isEqualTo(ticketOf(mine).ticketId());
    assertThat(mine).isWaitingAt("confirm");
  }

  @Test
  void theJavaApiRefusesUndeclaredVariablesWhoeverCalls() {
    Task accept = openTask(instance, "accept");
    Footprint footprint = footprint();

    assertThatThrownBy(() -> as("tech", () -> taskService.completeWithVariablesInReturn(accept.getId(),
        vars("contactNote", "c", "requesterEmail", "attacker@example.org"), false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("requesterEmail is not an input of task accept");
    assertThatThrownBy(() -> as("tech", () -> engine.getFormService().submitTaskFormWithVariablesInReturn(
        accept.getId(), vars("contactNote", "c", "priority", "URGENT"), false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("priority is not an input of task accept");
    // without an authenticated user as well: a task's inputs are the model's, not the caller's
    assertThatThrownBy(() -> taskService.complete(accept.getId(), vars("contactNote", "c", "handler", "senior")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("handler is not an input of task accept");

    assertNothingWritten(footprint);
    assertThat(runtime.getVariable(instance.getId(), "requesterEmail")).isEqualTo("li.wei@example.com");
    assertThat(instance).isWaitingAt("accept");
  }

  /** Other task calls that carry variables: resolving a delegated task, a BPMN error, an escalation. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("otherTaskCalls")
  void otherTaskCallsTakeDeclaredInputsOnly(Api api, String path, Map<String, Object> body) {
    Task accept = openTask(instance, "accept");
    as("tech", () -> {
      taskService.claim(accept.getId(), "tech");
      return null;
    });
    Footprint footprint = footprint();

    HttpResponse<String> response = as(api, "tech").post("/task/" + accept.getId() + path, body);

    assertRefused(response, 400, "\"requesterEmail\":\"is not an input of task accept\"");
    assertNothingWritten(footprint);
    assertThat(runtime.getVariable(instance.getId(), "requesterEmail")).isEqualTo("li.wei@example.com");
    assertThat(instance).isWaitingAt("accept");
  }

  static Stream<Arguments> otherTaskCalls() {
    Map<String, Object> forged = typed(vars("requesterEmail", "attacker@example.org"));
    return Stream.of(Api.values()).flatMap(api -> Stream.of(
        Arguments.of(api, "/resolve", Map.of("variables", forged)),
        Arguments.of(api, "/bpmnError", Map.of("errorCode", "x", "variables", forged)),
        Arguments.of(api, "/bpmnEscalation", Map.of("escalationCode", "x", "variables", forged))));
  }

  @Test
  void whoMayNotWorkTheTaskIsToldThatFirst() {
    Task accept = openTask(instance, "accept");

    HttpResponse<String> response = as(Api.ENGINE_REST, "alice").post("/task/" + accept.getId() + "/complete",
        Map.of("variables", typed(vars("ticketId", "SR-0000-000000"))));

    assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
    assertThat(response.body()).doesNotContain("is not an input");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void declaredInputsAreTakenAndJournaled(Api api) {
    Task accept = openTask(instance, "accept");

    HttpResponse<String> response = as(api, "tech").post("/task/" + accept.getId() + "/submit-form",
        Map.of("variables", typed(vars("contactNote", "Called back at 10:05"))));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    runJobs();
    assertThat(instance).isWaitingAt("diagnose");
    assertThat(journal.entries(before.ticketId())).extracting(JournalEntry::text)
        .anySatisfy(text -> assertThat(text).contains("Accept request completed", "contactNote: Called back at 10:05"));
  }

  @Test
  void optionalInputsMayBeLeftOutAndStillNothingElseGetsIn() {
    work("tech", instance, "accept", vars("contactNote", "c"));
    Map<String, Object> diagnosis = new HashMap<>(vars("diagnosis", "d", "rootCause", "r"));
    diagnosis.put("verified", true);

    assertThatThrownBy(() -> work("tech", instance, "diagnose", diagnosis))
        .hasMessageContaining("verified is not an input of task diagnose");
    diagnosis.remove("verified");
    work("tech", instance, "diagnose", diagnosis);
    assertThat(instance).isWaitingAt("resolve");
  }

  /**
   * A value seeded at the start would stand in for an input the task's worker never gave (e.g. a
   * requester's {@code verified=true} at verify, her own consultant at diagnose): every task input is
   * refused at the start, except the classification that triage asks for only when it is missing.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("seededInputs")
  void taskInputsCannotBeSeededAtTheStart(Api api, String variable, Object value) {
    Map<String, Object> request = phoneCall();
    request.put(variable, value);
    Footprint before = footprint();

    HttpResponse<String> refused = as(api, "desk").post("/process-definition/key/service-request/start",
        Map.of("variables", typed(request)));

    assertRefused(refused, 400, variable, "is given by the task that asks for it");
    assertNothingWritten(before);
  }

  static Stream<Arguments> seededInputs() {
    return Stream.of(Api.values()).flatMap(api -> Stream.of(
        Arguments.of(api, "verified", true), Arguments.of(api, "satisfied", true),
        Arguments.of(api, "satisfactionScore", 5), Arguments.of(api, "needsConsultation", true),
        Arguments.of(api, "contactNote", "already called"), Arguments.of(api, "solution", "nothing to do"),
        Arguments.of(api, "progressUpdate", "mail this twice")));
  }
}
