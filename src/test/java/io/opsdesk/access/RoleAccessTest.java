package io.opsdesk.access;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Each role does its work through the engine REST API, and is refused everything else. */
class RoleAccessTest extends OpsDeskTest {

  private static final Map<String, Object> START = Map.of("variables", Map.of(
      "requesterName", Map.of("value", "Alice"), "requesterEmail", Map.of("value", "alice@example.com"),
      "requesterId", Map.of("value", "alice"), "channel", Map.of("value", "WEB"),
      "subject", Map.of("value", "VPN drops"), "description", Map.of("value", "Every 10 minutes")));

  @Test
  void requestersAndTheServiceDeskStartRequestsSupportAndSupervisorsDoNot() {
    assertThat(post("alice", "/engine-rest/process-definition/key/service-request/start", START).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(post("desk", "/engine-rest/process-definition/key/service-request/start", START).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(post("tech", "/engine-rest/process-definition/key/service-request/start", START).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("lead", "/engine-rest/process-definition/key/service-request/start", START).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void onlyAdministratorsDeployOrDeleteInstances() {
    ProcessInstance instance = start("desk", phoneCall());
    for (String user : List.of("alice", "desk", "tech", "lead")) {
      assertThat(exchange(user, HttpMethod.DELETE, "/engine-rest/process-instance/" + instance.getId(), null)
          .getStatusCode()).as(user).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
      assertThat(exchange(user, HttpMethod.DELETE, "/engine-rest/deployment/"
          + engine.getRepositoryService().createDeploymentQuery().list().get(0).getId(), null).getStatusCode())
          .as(user).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
      assertThat(post(user, "/engine-rest/user/create", Map.of("profile", Map.of("id", "intruder"),
          "credentials", Map.of("password", "Quiet-Entry-2026-x"))).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(post(user, "/engine-rest/group/camunda-admin/members/" + user, null).getStatusCode())
          .as(user).isIn(HttpStatus.FORBIDDEN, HttpStatus.METHOD_NOT_ALLOWED);
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
    assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting(u -> u.getId())
        .containsExactly("admin");
  }

  @Test
  void supportGroupsSeeAndWorkOnlyTheirGroupsTasks() {
    var request = phoneCall();
    request.put("category", "DATA");
    ProcessInstance data = start("desk", request);
    Task accept = openTask(data, "accept");

    // expert is in hardware/software/network support, not data-support
    assertThat(taskIds("expert", data)).isEmpty();
    assertThat(taskIds("tech", data)).containsExactly(accept.getId());
    assertThat(get("expert", "/engine-rest/task/" + accept.getId()).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(post("expert", "/engine-rest/task/" + accept.getId() + "/claim", Map.of("userId", "expert"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("expert", "/engine-rest/task/" + accept.getId() + "/complete",
        Map.of("variables", Map.of("contactNote", Map.of("value", "x")))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("tech", "/engine-rest/process-instance/" + data.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("expert", "/engine-rest/process-instance/" + data.getId()).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
  }

  /**
   * A group's task list and count as Tasklist asks for them (candidate group, first page, count) give
   * a member exactly the group's tasks and a non-member none, also on PostgreSQL with the planner
   * statistics and job indexes of V18 (which change how these queries run, never what they answer).
   */
  @Test
  void aGroupsTaskListAndCountShowMembersExactlyTheGroupsTasks() {
    var request = phoneCall();
    request.put("category", "DATA");
    Task accept = openTask(start("desk", request), "accept");
    long groupTasks = taskService.createTaskQuery().taskCandidateGroup("data-support").count();

    String list = "/engine-rest/task?candidateGroup=data-support&firstResult=0&maxResults=" + (groupTasks + 10);
    assertThat(ids(get("tech", list).getBody())).hasSize((int) groupTasks).contains(accept.getId());
    assertThat(get("tech", "/engine-rest/task/count?candidateGroup=data-support").getBody())
        .isEqualTo("{\"count\":" + groupTasks + "}");
    assertThat(ids(get("expert", list).getBody())).isEmpty();
    assertThat(get("expert", "/engine-rest/task/count?candidateGroup=data-support").getBody()).isEqualTo("{\"count\":0}");
  }

  private static List<String> ids(String tasks) {
    return JsonPath.read(tasks, "$[*].id");
  }

  @Test
  void nobodyButTheTasksWorkersTampersWithItsVariables() {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    Map<String, Object> forged = Map.of("value", "URGENT", "type", "String");
    for (String user : List.of("alice", "desk", "lead", "expert")) {
      HttpStatusCode taskVariable = exchange(user, HttpMethod.PUT,
          "/engine-rest/task/" + accept.getId() + "/variables/priority", forged).getStatusCode();
      HttpStatusCode instanceVariable = exchange(user, HttpMethod.PUT,
          "/engine-rest/process-instance/" + instance.getId() + "/variables/responseDue", forged).getStatusCode();
      if (!"expert".equals(user)) { // expert is a hardware-support candidate: may work the task
        assertThat(taskVariable).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      }
      assertThat(instanceVariable).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(runtime.getVariable(instance.getId(), "priority")).isEqualTo("IMPORTANT");
  }

  @Test
  void requesterSeesOnlyOwnConfirmationTask() {
    var mine = phoneCall();
    mine.put("requesterId", "alice");
    ProcessInstance own = start("desk", mine);
    ProcessInstance other = start("desk", phoneCall());
    for (ProcessInstance instance : List.of(own, other)) {
      handleUntilConfirmation(instance);
    }
    assertThat(taskIds("alice", own)).containsExactly(openTask(own, "confirm").getId());
    assertThat(taskIds("alice", other)).isEmpty();
    assertThat(get("alice", "/engine-rest/process-instance/" + own.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("alice", "/engine-rest/process-instance/" + other.getId()).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
  }

  @Test
  void supervisorsSeeEverythingReassignTasksAndTheReassignmentIsAudited() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "c"));
    Task diagnose = openTask(instance, "diagnose");

    assertThat(taskIds("lead", instance)).containsExactly(diagnose.getId());
    assertThat(get("lead", "/engine-rest/process-instance/" + instance.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("lead", "/engine-rest/history/process-instance?processInstanceId=" + instance.getId())
        .getBody()).contains(instance.getId());
    assertThat(post("lead", "/engine-rest/task/" + diagnose.getId() + "/assignee", Map.of("userId", "senior"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(post("lead", "/engine-rest/task/" + diagnose.getId() + "/complete", Map.of("variables", Map.of()))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(taskService.createTaskQuery().taskId(diagnose.getId()).singleResult().getAssignee()).isEqualTo("senior");
    assertThat(history.createUserOperationLogQuery().taskId(diagnose.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_ASSIGN).list())
        .anySatisfy(entry -> assertThat(entry.getUserId()).isEqualTo("lead"));
    assertThat(journal.entries(ticketOf(instance).ticketId()))
        .anySatisfy(e -> {
          assertThat(e.actor()).isEqualTo("lead");
          assertThat(e.text()).contains("Diagnose problem assigned to senior");
        });
  }

  @Test
  void tasklistFiltersPerRole() {
    assertThat(filterNames("tech")).containsExactlyInAnyOrder("我的任务 My tasks", "我的组 My group", "已超时 Breached", "紧急 Urgent");
    assertThat(filterNames("lead")).containsExactlyInAnyOrder("我的任务 My tasks", "我的组 My group", "所有未完成 All open", "未分配 Unassigned",
        "已超时 Breached", "紧急 Urgent");
    assertThat(filterNames("alice")).containsExactly("我的任务 My tasks");
  }

  @Test
  void myGroupAndMyTasksFiltersFindTheirTasks() {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    String myGroup = engine.getFilterService().createFilterQuery().filterName("我的组 My group").singleResult().getId();
    String myTasks = engine.getFilterService().createFilterQuery().filterName("我的任务 My tasks").singleResult().getId();

    assertThat(filterTaskIds("tech", myGroup)).contains(accept.getId());
    assertThat(filterTaskIds("desk", myGroup)).doesNotContain(accept.getId());
    work("tech", instance, "accept", vars("contactNote", "c"));
    assertThat(filterTaskIds("tech", myTasks)).contains(openTask(instance, "diagnose").getId());
    assertThat(filterTaskIds("tech", myGroup)).doesNotContain(openTask(instance, "diagnose").getId());
  }

  @Test
  void breachedAndUrgentFiltersFindTheirTasks() {
    var urgent = phoneCall();
    urgent.put("urgency", "HIGH");
    ProcessInstance instance = start("desk", urgent);
    Task accept = openTask(instance, "accept");
    String breached = engine.getFilterService().createFilterQuery().filterName("已超时 Breached").singleResult().getId();
    String urgentFilter = engine.getFilterService().createFilterQuery().filterName("紧急 Urgent").singleResult().getId();

    assertThat(filterTaskIds("lead", urgentFilter)).contains(accept.getId());
    assertThat(filterTaskIds("lead", breached)).doesNotContain(accept.getId());
    clockAt(ticketOf(instance).responseDue().plusSeconds(60));
    assertThat(filterTaskIds("lead", breached)).contains(accept.getId());
  }

  @Test
  void anonymousCallersReachOnlyHealth() {
    assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.getForEntity("/actuator/env", String.class).getStatusCode()).isIn(HttpStatus.NOT_FOUND, HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/engine-rest/user", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/api/tickets/SR-2026-000001", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode())
        .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
  }

  private List<String> taskIds(String user, ProcessInstance instance) {
    ResponseEntity<List<Map<String, Object>>> response = rest.withBasicAuth(user, user).exchange(
        "/engine-rest/task?processInstanceId=" + instance.getId(), HttpMethod.GET, null,
        new ParameterizedTypeReference<>() { });
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody().stream().map(t -> (String) t.get("id")).toList();
  }

  private List<String> filterNames(String user) {
    ResponseEntity<List<Map<String, Object>>> response = rest.withBasicAuth(user, user).exchange(
        "/engine-rest/filter?resourceType=Task", HttpMethod.GET, null, new ParameterizedTypeReference<>() { });
    return response.getBody().stream().map(f -> (String) f.get("name")).toList();
  }

  private List<String> filterTaskIds(String user, String filterId) {
    return as(user, () -> engine.getFilterService().<Task>list(filterId).stream().map(Task::getId).toList());
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }

  private ResponseEntity<String> post(String user, String path, Object body) {
    return exchange(user, HttpMethod.POST, path, body);
  }

  private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
    return rest.withBasicAuth(user, user).exchange(path, method, body == null ? null : new HttpEntity<>(body), String.class);
  }
}
