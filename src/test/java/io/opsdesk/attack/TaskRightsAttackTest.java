package io.opsdesk.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.hardening.Http;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, finding 6 "Task rights never taken back", attacked over HTTP through both APIs: the
 * engine REST API (HTTP Basic) and the webapps' copy of it (Tasklist session with CSRF token).
 * Task rights follow the task: a former assignee keeps nothing, a claim is only for oneself,
 * TASK_ASSIGN gives tasks to others but never to oneself. Every refusal is a 403 saying why and
 * leaves the task, its links and ACT_RU_AUTHORIZATION as they were.
 */
class TaskRightsAttackTest extends OpsDeskTest {

  private static final String ENGINE_REST = "/engine-rest";
  private static final String WEBAPP_API = "/camunda/api/engine/engine/default";
  private static final String DIAGNOSIS = """
      {"variables": {"diagnosis": {"value": "disk full"}, "rootCause": {"value": "logs"},
       "needsConsultation": {"value": false}}}""";
  private static final String FORGED_DIAGNOSIS = """
      {"variables": {"diagnosis": {"value": "forged"}, "rootCause": {"value": "forged"},
       "needsConsultation": {"value": false}}}""";
  private static final String CONTACT = """
      {"variables": {"contactNote": {"value": "Called the requester"}}}""";

  /** One user talking to one of the two APIs. */
  private record Caller(Http http, String prefix) {
    HttpResponse<String> post(String path, String json) {
      return http.send("POST", prefix + path, json);
    }

    HttpResponse<String> put(String path, String json) {
      return http.send("PUT", prefix + path, json);
    }

    HttpResponse<String> get(String path) {
      return http.send("GET", prefix + path, null);
    }
  }

  private Caller caller(String api, String user) {
    return "engine".equals(api) ? new Caller(Http.basic(rest.getRootUri(), user, user), ENGINE_REST)
        : new Caller(Http.session(rest.getRootUri(), user, user), WEBAPP_API);
  }

  /** A request accepted by tech: its Diagnose task is assigned to tech, with no candidates. */
  private Task diagnoseAssignedToTech() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called the requester"));
    Task diagnose = openTask(instance, "diagnose");
    assertThat(diagnose.getAssignee()).isEqualTo("tech");
    assertThat(workers(diagnose)).containsExactly("tech");
    return diagnose;
  }

  @ParameterizedTest(name = "{0} API, reassigned by {1}")
  @CsvSource({
      "engine, assignee", "webapp, assignee",
      "engine, delegate", "webapp, delegate",
      "engine, null-assignee", "webapp, null-assignee",
      "engine, unclaim", "webapp, unclaim",
  })
  void formerAssigneeKeepsNothingWhenASupervisorReassigns(String api, String how) {
    Task diagnose = diagnoseAssignedToTech();
    String task = "/task/" + diagnose.getId();
    Caller lead = caller(api, "lead");
    Caller tech = caller(api, "tech");
    assertThat(tech.get(task + "/variables").statusCode()).isEqualTo(200);

    HttpResponse<String> reassigned = switch (how) {
      case "assignee" -> lead.post(task + "/assignee", "{\"userId\": \"senior\"}");
      case "delegate" -> lead.post(task + "/delegate", "{\"userId\": \"senior\"}");
      case "null-assignee" -> lead.post(task + "/assignee", "{\"userId\": null}");
      default -> lead.post(task + "/unclaim", null);
    };
    assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(204);
    String newAssignee = how.equals("assignee") || how.equals("delegate") ? "senior" : null;
    assertThat(assigneeOf(diagnose)).isEqualTo(newAssignee);

    assertFormerAssigneeLockedOut(tech, diagnose, "tech");

    Caller senior = caller(api, "senior");
    if (newAssignee == null) { // unassigned: the supervisor gives it to someone else, who works it
      assertThat(lead.post(task + "/assignee", "{\"userId\": \"senior\"}").statusCode()).isEqualTo(204);
    }
    assertThat(workers(diagnose)).containsExactly("senior");
    if (how.equals("delegate")) {
      // the delegate works it and resolves it: it goes back to its owner, who may then work it again
      assertThat(senior.post(task + "/resolve", DIAGNOSIS).statusCode()).isEqualTo(204);
      assertThat(assigneeOf(diagnose)).isEqualTo("tech");
      assertThat(workers(diagnose)).containsExactly("tech");
      assertFormerAssigneeLockedOut(senior, diagnose, "senior");
      assertThat(tech.post(task + "/complete", DIAGNOSIS).statusCode()).isEqualTo(204);
    } else {
      assertThat(senior.post(task + "/complete", DIAGNOSIS).statusCode()).isEqualTo(204);
    }
    assertThat(taskService.createTaskQuery().taskId(diagnose.getId()).count()).isZero();
    assertThat(history.createUserOperationLogQuery().taskId(diagnose.getId()).userId("lead").list())
        .extracting(UserOperationLogEntry::getOperationType)
        .contains(how.equals("delegate") ? UserOperationLogEntry.OPERATION_TYPE_DELEGATE
            : UserOperationLogEntry.OPERATION_TYPE_ASSIGN);
  }

  private void assertFormerAssigneeLockedOut(Caller former, Task task, String formerId) {
    String path = "/task/" + task.getId();
    String assignee = assigneeOf(task);
    Object diagnosis = runtime.getVariable(task.getProcessInstanceId(), "diagnosis");
    assertThat(former.post(path + "/complete", FORGED_DIAGNOSIS).statusCode()).isEqualTo(403);
    assertThat(former.get(path + "/variables").statusCode()).isEqualTo(403);
    assertThat(former.get(path + "/variables/ticketId").statusCode()).isEqualTo(403);
    assertThat(former.get(path + "/form-variables").statusCode()).isEqualTo(403);
    assertThat(former.post(path + "/claim", "{\"userId\": \"" + formerId + "\"}").statusCode()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
    assertThat(assigneeOf(task)).isEqualTo(assignee);
    assertThat(runtime.getVariable(task.getProcessInstanceId(), "diagnosis")).isEqualTo(diagnosis);
    assertThat(grants(task, formerId)).isEmpty();
  }

  @ParameterizedTest(name = "{0} API")
  @ValueSource(strings = {"engine", "webapp"})
  void formerAssigneeKeepsNothingAfterUnclaimAndClaimByACandidate(String api) {
    var request = phoneCall();
    request.put("category", "DATA"); // data-support: tech only
    ProcessInstance instance = start("desk", request);
    Task accept = openTask(instance, "accept");
    String task = "/task/" + accept.getId();
    Caller lead = caller(api, "lead");
    Caller expert = caller(api, "expert");

    assertThat(lead.post(task + "/assignee", "{\"userId\": \"expert\"}").statusCode()).isEqualTo(204);
    assertThat(expert.get(task + "/variables").statusCode()).isEqualTo(200);
    assertThat(lead.post(task + "/unclaim", null).statusCode()).isEqualTo(204);
    assertThat(grants(accept, "expert")).isEmpty();
    assertThat(caller(api, "tech").post(task + "/claim", "{\"userId\": \"tech\"}").statusCode()).isEqualTo(204);

    assertThat(expert.post(task + "/complete", CONTACT).statusCode()).isEqualTo(403);
    assertThat(expert.get(task + "/variables").statusCode()).isEqualTo(403);
    assertThat(expert.post(task + "/claim", "{\"userId\": \"expert\"}").statusCode()).isEqualTo(403);
    assertThat(assigneeOf(accept)).isEqualTo("tech");
    assertThat(grants(accept, "expert")).isEmpty();
    assertThat(caller(api, "tech").post(task + "/complete", CONTACT).statusCode()).isEqualTo(204);
    assertThat(ticketOf(instance).handler()).isEqualTo("tech");
  }

  @ParameterizedTest(name = "{0} API")
  @ValueSource(strings = {"engine", "webapp"})
  void aCandidateClaimsOnlyForHimself(String api) {
    ProcessInstance instance = start("desk", phoneCall()); // HARDWARE: tech, expert and senior are candidates
    Task accept = openTask(instance, "accept");
    String task = "/task/" + accept.getId();
    Caller tech = caller(api, "tech");

    HttpResponse<String> forOther = tech.post(task + "/claim", "{\"userId\": \"expert\"}");
    assertRefused(forOther, "'tech' may claim task '受理请求 Accept request' (" + accept.getId() + ") only for themselves",
        "'expert'", "TASK_ASSIGN");
    assertThat(assigneeOf(accept)).isNull();
    assertThat(grants(accept, "expert")).isEmpty();
    assertThat(grants(accept, "tech")).isEmpty();
    assertThat(history.createUserOperationLogQuery().taskId(accept.getId()).count()).isZero();

    // giving it to someone through /assignee needs TASK_ASSIGN, which candidates lack
    assertThat(tech.post(task + "/assignee", "{\"userId\": \"expert\"}").statusCode()).isEqualTo(403);

    // taking it away from a colleague who claimed it (claim without a user) is refused too
    assertThat(caller(api, "expert").post(task + "/claim", "{\"userId\": \"expert\"}").statusCode()).isEqualTo(204);
    assertRefused(tech.post(task + "/claim", "{}"), "'tech' may not take task '受理请求 Accept request'", "away from 'expert'");
    assertRefused(tech.post(task + "/claim", "{\"userId\": null}"), "away from 'expert'");
    assertThat(assigneeOf(accept)).isEqualTo("expert");
    assertThat(workers(accept)).containsExactly("expert");
  }

  @ParameterizedTest(name = "{0} API")
  @ValueSource(strings = {"engine", "webapp"})
  void theServiceDeskAndSupervisorsAssignToOthers(String api) {
    ProcessInstance byDesk = start("desk", phoneCall());
    ProcessInstance byLead = start("desk", phoneCall());
    Task deskAssigns = openTask(byDesk, "accept");
    Task leadAssigns = openTask(byLead, "accept");

    assertThat(caller(api, "desk").post("/task/" + deskAssigns.getId() + "/assignee", "{\"userId\": \"tech\"}").statusCode())
        .isEqualTo(204);
    assertThat(caller(api, "lead").post("/task/" + leadAssigns.getId() + "/assignee", "{\"userId\": \"expert\"}").statusCode())
        .isEqualTo(204);
    assertThat(workers(deskAssigns)).containsExactly("tech");
    assertThat(workers(leadAssigns)).containsExactly("expert");

    assertThat(caller(api, "tech").post("/task/" + deskAssigns.getId() + "/complete", CONTACT).statusCode()).isEqualTo(204);
    assertThat(caller(api, "expert").post("/task/" + leadAssigns.getId() + "/complete", CONTACT).statusCode()).isEqualTo(204);
    assertAssignmentAudited(byDesk, deskAssigns, "desk", "tech");
    assertAssignmentAudited(byLead, leadAssigns, "lead", "expert");
  }

  @ParameterizedTest(name = "{0} API")
  @ValueSource(strings = {"engine", "webapp"})
  void aSupervisorCannotGiveATaskToHimself(String api) {
    Task diagnose = diagnoseAssignedToTech();
    String task = "/task/" + diagnose.getId();
    Caller lead = caller(api, "lead");
    List<IdentityLink> linksBefore = taskService.getIdentityLinksForTask(diagnose.getId());
    int journalBefore = journal.entries(ticketId(diagnose)).size();

    String self = "may not take task '诊断问题 Diagnose problem' (" + diagnose.getId() + ") for themselves";
    assertRefused(lead.post(task + "/assignee", "{\"userId\": \"lead\"}"), "'lead' " + self, "only its candidates");
    assertRefused(lead.post(task + "/delegate", "{\"userId\": \"lead\"}"), self);
    assertRefused(lead.put(task, "{\"name\": \"诊断问题 Diagnose problem\", \"assignee\": \"lead\", \"priority\": 50}"), self);
    assertRefused(lead.post(task + "/identity-links", "{\"userId\": \"lead\", \"type\": \"assignee\"}"), self);
    assertRefused(lead.post(task + "/identity-links", "{\"userId\": \"lead\", \"type\": \"candidate\"}"),
        "may not make themselves a candidate");
    assertRefused(lead.post(task + "/identity-links", "{\"groupId\": \"supervisors\", \"type\": \"candidate\"}"),
        "may not make their own group 'supervisors' a candidate");
    assertThat(lead.post(task + "/claim", "{\"userId\": \"lead\"}").statusCode()).isEqualTo(403);
    assertThat(lead.post(task + "/complete", DIAGNOSIS).statusCode()).isEqualTo(403);

    Task now = taskService.createTaskQuery().taskId(diagnose.getId()).singleResult();
    assertThat(now.getAssignee()).isEqualTo("tech");
    assertThat(now.getName()).isEqualTo("诊断问题 Diagnose problem");
    assertThat(taskService.getIdentityLinksForTask(diagnose.getId())).hasSameSizeAs(linksBefore);
    assertThat(grants(diagnose, "lead")).isEmpty();
    assertThat(groupGrants(diagnose, "supervisors")).isZero();
    assertThat(workers(diagnose)).containsExactly("tech");
    assertThat(history.createUserOperationLogQuery().taskId(diagnose.getId()).userId("lead").count()).isZero();
    assertThat(journal.entries(ticketId(diagnose))).hasSize(journalBefore);
  }

  @ParameterizedTest(name = "{0} API")
  @ValueSource(strings = {"engine", "webapp"})
  void aSupervisorWorksATaskTheServiceDeskGaveHim(String api) {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    String task = "/task/" + accept.getId();
    Caller lead = caller(api, "lead");

    assertThat(caller(api, "desk").post(task + "/assignee", "{\"userId\": \"lead\"}").statusCode()).isEqualTo(204);
    assertThat(workers(accept)).containsExactly("lead");
    // what the assignment gave him stays tied to it: he cannot turn it into a candidacy of his own
    assertRefused(lead.post(task + "/identity-links", "{\"userId\": \"lead\", \"type\": \"candidate\"}"),
        "may not make themselves a candidate");
    assertThat(lead.post(task + "/complete", CONTACT).statusCode()).isEqualTo(204);
    assertThat(ticketOf(instance).handler()).isEqualTo("lead");
    assertAssignmentAudited(instance, accept, "desk", "lead");
  }

  @Test
  void aSupervisorGivenATaskCannotTakeItBackOnceReassigned() {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    String task = "/task/" + accept.getId();
    Caller lead = caller("engine", "lead");
    assertThat(caller("engine", "desk").post(task + "/assignee", "{\"userId\": \"lead\"}").statusCode()).isEqualTo(204);
    assertThat(lead.post(task + "/assignee", "{\"userId\": \"senior\"}").statusCode()).isEqualTo(204);

    assertRefused(lead.post(task + "/assignee", "{\"userId\": \"lead\"}"), "for themselves");
    assertThat(lead.post(task + "/complete", CONTACT).statusCode()).isEqualTo(403);
    assertThat(grants(accept, "lead")).isEmpty();
    assertThat(assigneeOf(accept)).isEqualTo("senior");
  }

  @Test
  void aCandidateUserRemovedFromATaskKeepsNothing() {
    Task diagnose = diagnoseAssignedToTech();
    String task = "/task/" + diagnose.getId();
    Caller lead = caller("engine", "lead");
    assertThat(lead.post(task + "/identity-links", "{\"userId\": \"expert\", \"type\": \"candidate\"}").statusCode())
        .isEqualTo(204);
    assertThat(workers(diagnose)).containsExactlyInAnyOrder("tech", "expert");
    // a candidate user keeps his rights when the assignee changes...
    assertThat(lead.post(task + "/assignee", "{\"userId\": \"senior\"}").statusCode()).isEqualTo(204);
    assertThat(lead.post(task + "/assignee", "{\"userId\": \"expert\"}").statusCode()).isEqualTo(204);
    assertThat(lead.post(task + "/unclaim", null).statusCode()).isEqualTo(204);
    assertThat(workers(diagnose)).containsExactly("expert");
    // ...and loses them with his candidacy
    assertThat(lead.post(task + "/identity-links/delete", "{\"userId\": \"expert\", \"type\": \"candidate\"}")
        .statusCode()).isEqualTo(204);
    assertThat(grants(diagnose, "expert")).isEmpty();
    assertThat(caller("engine", "expert").post(task + "/claim", "{\"userId\": \"expert\"}").statusCode()).isEqualTo(403);
  }

  private void assertAssignmentAudited(ProcessInstance instance, Task task, String by, String to) {
    assertThat(history.createUserOperationLogQuery().taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_ASSIGN).list())
        .anySatisfy(entry -> {
          assertThat(entry.getUserId()).isEqualTo(by);
          assertThat(entry.getNewValue()).isEqualTo(to);
        });
    assertThat(journal.entries(ticketOf(instance).ticketId())).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo(by);
      assertThat(e.text()).contains("assigned to " + to);
    });
  }

  private static void assertRefused(HttpResponse<String> response, String... says) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    JsonNode body = json(response.body());
    assertThat(body.path("type").asText()).isEqualTo("AuthorizationException");
    assertThat(body.path("message").asText()).contains(says);
  }

  private static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String ticketId(Task task) {
    return (String) runtime.getVariable(task.getProcessInstanceId(), "ticketId");
  }

  private String assigneeOf(Task task) {
    return taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
  }

  /** Users whose own grant on the task lets them work it, as ACT_RU_AUTHORIZATION says. */
  private List<String> workers(Task task) {
    int taskWork = org.camunda.bpm.engine.authorization.Permissions.TASK_WORK.getValue();
    return jdbc.queryForList("SELECT USER_ID_, PERMS_ FROM ACT_RU_AUTHORIZATION WHERE TYPE_ = 1 AND RESOURCE_TYPE_ = ?"
        + " AND RESOURCE_ID_ = ? AND USER_ID_ IS NOT NULL", Resources.TASK.resourceType(), task.getId()).stream()
        .filter(row -> (((Number) row.get("PERMS_")).intValue() & taskWork) == taskWork)
        .map(row -> (String) row.get("USER_ID_")).toList();
  }

  /** The user's rows on the task, whatever they grant. */
  private List<Integer> grants(Task task, String userId) {
    return jdbc.queryForList("SELECT PERMS_ FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = ?"
        + " AND USER_ID_ = ?", Integer.class, Resources.TASK.resourceType(), task.getId(), userId);
  }

  private int groupGrants(Task task, String groupId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = ?"
        + " AND GROUP_ID_ = ?", Integer.class, Resources.TASK.resourceType(), task.getId(), groupId);
  }
}
