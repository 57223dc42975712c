package io.opsdesk.attack;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Finding 1: a requester (anyone allowed to start service requests) started instances at chosen
 * activities with {@code skipCustomListeners}, skipping the start validation, and the delegates
 * there closed or resolved someone else's ticket. Start instructions, skipping listeners or
 * input/output mappings, and instance modification, restart and migration are now the
 * administrators' alone, refused by the engine for everyone else through every API; the start
 * validation is built in and runs even for an administrator who skips listeners.
 */
class ForgedFlowPositionAttackTest extends AttackTest {

  static final String START = "/process-definition/key/service-request/start";
  static final String FORGED_START = "may not start a process instance at chosen activities";

  ProcessInstance victim;
  Ticket victimTicket;

  @BeforeEach
  void someoneElsesRequest() {
    victim = start("desk", phoneCall());
    victimTicket = ticketOf(victim);
  }

  static Stream<Arguments> activitiesThroughBothApis() {
    List<String> activities = List.of("close", "auto-close", "reopen", "record-resolution", "assign",
        "mark-resolution-breached", "mark-response-breached", "register", "set-sla-deadlines", "confirm",
        "verify", "report-delay", "warn-response-due", "warn-resolution-due", "escalate-resolution-breach");
    return Stream.of(Api.values()).flatMap(api -> activities.stream().map(activity -> Arguments.of(api, activity)));
  }

  @ParameterizedTest(name = "{0}: start before {1}")
  @MethodSource("activitiesThroughBothApis")
  void requesterCannotStartAtAnActivity(Api api, String activity) {
    Footprint before = footprint();

    HttpResponse<String> response = as(api, "alice").post(START, Map.of(
        "variables", typed(forged()),
        "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", activity)),
        "skipCustomListeners", true, "skipIoMappings", true));

    assertRefused(response, 403, "AuthorizationException", FORGED_START);
    assertNothingWritten(before);
    assertVictimUntouched();
  }

  static Stream<Arguments> otherInstructions() {
    List<List<Map<String, Object>>> instructions = List.of(
        List.of(Map.of("type", "startAfterActivity", "activityId", "register")),
        List.of(Map.of("type", "startTransition", "transitionId", "flow-satisfied")),
        List.of(Map.of("type", "startBeforeActivity", "activityId", "request-received")),
        List.of(Map.of("type", "startBeforeActivity", "activityId", "triage"),
            Map.of("type", "startBeforeActivity", "activityId", "close")));
    return Stream.of(Api.values()).flatMap(api -> instructions.stream().map(list -> Arguments.of(api, list)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("otherInstructions")
  void requesterCannotUseAnyStartInstructionEvenWithoutSkipping(Api api, List<Map<String, Object>> instructions) {
    Footprint before = footprint();

    HttpResponse<String> response = as(api, "alice").post(START, Map.of(
        "variables", typed(ownRequest()), "startInstructions", instructions));

    assertRefused(response, 403, FORGED_START);
    assertNothingWritten(before);
  }

  @ParameterizedTest(name = "{0} start instructions as {1}")
  @MethodSource("staffThroughBothApis")
  void staffWhoAreNoAdministratorsCannotEither(Api api, String user) {
    Footprint before = footprint();

    HttpResponse<String> response = as(api, user).post(START, Map.of(
        "variables", typed(phoneCall()),
        "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "triage"))));

    // desk may start requests, the others may not start at all: refused either way, never started
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertNothingWritten(before);
  }

  static Stream<Arguments> staffThroughBothApis() {
    return Stream.of(Api.values()).flatMap(api -> Stream.of("desk", "tech", "lead").map(user -> Arguments.of(api, user)));
  }

  @ParameterizedTest(name = "{0}: {1} without instructions")
  @MethodSource("skipFlagsThroughBothApis")
  void skippingWithoutInstructionsIsRefused(Api api, String flag) {
    Footprint before = footprint();

    HttpResponse<String> response = as(api, "alice").post(START, Map.of("variables", typed(forged()), flag, true));

    assertRefused(response, 400, "Cannot skip custom listeners or input/output mappings");
    assertThat(response.body()).as("only the engine's reason, no REST prefix naming the definition's id")
        .doesNotContain("Cannot instantiate");
    assertNothingWritten(before);
  }

  static Stream<Arguments> skipFlagsThroughBothApis() {
    return Stream.of(Api.values()).flatMap(api -> Stream.of("skipCustomListeners", "skipIoMappings")
        .map(flag -> Arguments.of(api, flag)));
  }

  static Stream<Arguments> flowChanges() {
    String modification = "{\"skipCustomListeners\":true,\"skipIoMappings\":true,\"instructions\":["
        + "{\"type\":\"startBeforeActivity\",\"activityId\":\"close\"},{\"type\":\"cancel\",\"activityId\":\"accept\"}]}";
    String batch = "{\"processDefinitionId\":\"%2$s\",\"processInstanceIds\":[\"%1$s\"],\"skipCustomListeners\":true,"
        + "\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"close\"}]}";
    String restart = "{\"processInstanceIds\":[\"%1$s\"],\"skipCustomListeners\":true,"
        + "\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"close\"}]}";
    String migration = "{\"processInstanceIds\":[\"%1$s\"],\"migrationPlan\":{\"sourceProcessDefinitionId\":\"%2$s\","
        + "\"targetProcessDefinitionId\":\"%2$s\",\"instructions\":[{\"sourceActivityIds\":[\"accept\"],"
        + "\"targetActivityIds\":[\"confirm\"]}]}}";
    List<Arguments> changes = List.of(
        Arguments.of("/process-instance/%1$s/modification", modification, "may not modify"),
        Arguments.of("/process-instance/%1$s/modification-async", modification, "may not modify"),
        Arguments.of("/modification/execute", batch, "may not modify"),
        Arguments.of("/modification/executeAsync", batch, "may not modify"),
        Arguments.of("/process-definition/%2$s/restart", restart, "may not restart"),
        Arguments.of("/process-definition/%2$s/restart-async", restart, "may not restart"),
        Arguments.of("/migration/execute", migration, "may not migrate"),
        Arguments.of("/migration/executeAsync", migration, "may not migrate"));
    // tech handles the instance: every change through both APIs; its requester and a supervisor the plain one
    Stream<Arguments> byHandler = Stream.of(Api.values()).flatMap(api -> changes.stream()
        .map(change -> Arguments.of(api, "tech", change.get()[0], change.get()[1], change.get()[2])));
    Stream<Arguments> byOthers = Stream.of(Api.values()).flatMap(api -> Stream.of("alice", "lead")
        .map(user -> Arguments.of(api, user, changes.get(0).get()[0], changes.get(0).get()[1], changes.get(0).get()[2])));
    return Stream.concat(byHandler, byOthers);
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("flowChanges")
  void nobodyButAnAdministratorMovesAnInstance(Api api, String user, String path, String body, String refusal) {
    // alice is the requester (she may read the instance), tech its handler, lead a supervisor
    Map<String, Object> own = phoneCall();
    own.put("requesterId", "alice");
    ProcessInstance instance = start("desk", own);
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Footprint before = footprint();
    long batches = management.createBatchQuery().count();

    HttpResponse<String> response = as(api, user).http().send("POST",
        api.prefix + path.formatted(instance.getId(), instance.getProcessDefinitionId()),
        body.formatted(instance.getId(), instance.getProcessDefinitionId()));

    assertRefused(response, 403, "AuthorizationException", refusal);
    assertNothingWritten(before);
    assertThat(management.createBatchQuery().count()).isEqualTo(batches);
    assertThat(instance).isWaitingAt("diagnose");
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.IN_PROGRESS);
  }

  @Test
  void theJavaApiRefusesAnAuthenticatedNonAdministratorToo() {
    Footprint before = footprint();

    assertThatThrownBy(() -> as("alice", () -> runtime.createProcessInstanceByKey("service-request")
        .setVariables(forged()).startBeforeActivity("close").execute(true, true)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining(FORGED_START);
    assertThatThrownBy(() -> as("desk", () -> {
      runtime.createProcessInstanceModification(victim.getId()).startBeforeActivity("close").execute(true, true);
      return null;
    })).isInstanceOf(AuthorizationException.class).hasMessageContaining("may not modify");

    assertNothingWritten(before);
    assertVictimUntouched();
  }

  @Test
  void engineWorkWithoutAnAuthenticatedUserIsNotRefusedButStillValidated() {
    ProcessInstance instance = runtime.createProcessInstanceByKey("service-request").setVariables(phoneCall())
        .startBeforeActivity("triage").execute();
    assertThat(instance).isWaitingAt("triage");

    Map<String, Object> incomplete = phoneCall();
    incomplete.remove("subject");
    assertThatThrownBy(() -> runtime.createProcessInstanceByKey("service-request").setVariables(incomplete)
        .startBeforeActivity("triage").execute(true, true))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("subject is required");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void anAdministratorMayStartAtAnActivityAndTheStartIsStillValidated(Api api) {
    HttpResponse<String> started = as(api, "admin").post(START, Map.of(
        "variables", typed(phoneCall()),
        "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "triage")),
        "skipCustomListeners", true, "skipIoMappings", true));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    ProcessInstance instance = runtime.createProcessInstanceQuery()
        .processInstanceId(started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).singleResult();
    assertThat(instance).isWaitingAt("triage");
    // set by the start rules: they ran although custom listeners were skipped
    assertThat(runtime.getVariable(instance.getId(), "occurredAt")).isInstanceOf(java.util.Date.class);

    Footprint before = footprint();
    Map<String, Object> incomplete = phoneCall();
    incomplete.remove("description");
    incomplete.put("ticketId", victimTicket.ticketId());
    HttpResponse<String> refused = as(api, "admin").post(START, Map.of(
        "variables", typed(incomplete),
        "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "close")),
        "skipCustomListeners", true, "skipIoMappings", true));

    assertRefused(refused, 400, "description", "is required", "ticketId", "is set by the process");
    assertNothingWritten(before);
    assertVictimUntouched();
  }

  /** An uncaught BPMN error used to end the task's execution silently: a flow position left without completion. */
  @ParameterizedTest
  @ValueSource(strings = {"accept", "confirm"})
  void anUncaughtBpmnErrorDoesNotEndATask(String taskKey) {
    Map<String, Object> own = phoneCall();
    own.put("requesterId", "alice");
    ProcessInstance instance = start("desk", own);
    if ("confirm".equals(taskKey)) {
      handleUntilConfirmation(instance);
    }
    String user = "confirm".equals(taskKey) ? "alice" : "tech";
    Task task = openTask(instance, taskKey);
    Footprint before = footprint();

    HttpResponse<String> response = as(Api.ENGINE_REST, user).post("/task/" + task.getId() + "/bpmnError",
        Map.of("errorCode", "forged-end"));

    assertThat(response.statusCode()).as(response.body()).isBetween(400, 599);
    assertThat(response.body()).contains("forged-end");
    assertNothingWritten(before);
    assertThat(openTask(instance, taskKey).getId()).isEqualTo(task.getId());
  }

  /** A request as alice would send it; the engine fills in her profile. */
  private static Map<String, Object> ownRequest() {
    Map<String, Object> request = new HashMap<>();
    request.put("channel", "WEB");
    request.put("subject", "Printer jams");
    request.put("description", "Every second page");
    return request;
  }

  /** The attack of the finding: her own start, carrying the victim's ticket id for the delegates to act on. */
  private Map<String, Object> forged() {
    Map<String, Object> request = ownRequest();
    request.put("ticketId", victimTicket.ticketId());
    request.put("satisfactionScore", 1);
    request.put("solution", "Forged resolution note");
    return request;
  }

  private void assertVictimUntouched() {
    assertThat(ticketOf(victim)).isEqualTo(victimTicket);
    assertThat(victim).isWaitingAt("accept");
  }
}
