package io.opsdesk.access;

import java.util.List;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Task rights inside the engine, where no HTTP request reaches (see attack/TaskRightsAttackTest for the rest). */
class TaskRightsEngineTest extends OpsDeskTest {

  @Autowired TaskRights taskRights;
  @Autowired AuthorizationService authorizations;

  /**
   * A database from before task rights followed the task still holds the grants reassignment left
   * behind: the start-up takes back exactly those, and leaves the grants of the task's assignee and
   * linked groups, and any other permission, alone.
   */
  @Test
  void startUpTakesBackWhatFormerAssigneesAndUnlinkedGroupsKept() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "c"));
    Task diagnose = openTask(instance, "diagnose");
    grant("senior", null, diagnose, Permissions.READ, Permissions.TASK_WORK); // an earlier assignee's
    grant(null, "network-support", diagnose, Permissions.READ, Permissions.TASK_WORK); // an earlier candidate group's
    grant("desk", null, diagnose, Permissions.READ, Permissions.TASK_WORK, Permissions.TASK_ASSIGN); // partly by hand
    assertThat(as("senior", () -> taskService.createTaskQuery().taskId(diagnose.getId()).count())).isOne();

    assertThat(taskRights.revokeLeftovers(engine)).isGreaterThanOrEqualTo(3);

    assertThat(rows("USER_ID_", "senior", diagnose)).isEmpty();
    assertThat(rows("GROUP_ID_", "network-support", diagnose)).isEmpty();
    assertThat(rows("USER_ID_", "desk", diagnose)).containsExactly(Permissions.TASK_ASSIGN.getValue());
    assertThat(rows("USER_ID_", "tech", diagnose)).containsExactly(Permissions.READ.getValue() | Permissions.TASK_WORK.getValue());
    assertThat(as("senior", () -> taskService.createTaskQuery().taskId(diagnose.getId()).count())).isZero();

    ProcessInstance waiting = start("desk", phoneCall());
    Task accept = openTask(waiting, "accept");
    taskRights.revokeLeftovers(engine);
    assertThat(rows("GROUP_ID_", "hardware-support", accept)).hasSize(1);
  }

  /** The repair runs at the first start on a database only; later starts leave task grants alone. */
  @Test
  void theStartUpRepairRunsOncePerDatabase() {
    assertThat(management.getProperties()).containsEntry(TaskRights.REPAIRED, "true");
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "c"));
    Task diagnose = openTask(instance, "diagnose");
    grant("senior", null, diagnose, Permissions.READ, Permissions.TASK_WORK);

    taskRights.postProcessEngineBuild(engine);
    assertThat(rows("USER_ID_", "senior", diagnose)).hasSize(1);

    management.deleteProperty(TaskRights.REPAIRED);
    taskRights.postProcessEngineBuild(engine);
    assertThat(rows("USER_ID_", "senior", diagnose)).isEmpty();
    assertThat(management.getProperties()).containsEntry(TaskRights.REPAIRED, "true");
  }

  /** Model code may unassign and reassign a task in one command: the grant taken back is given back. */
  @Test
  void aGrantTakenAndGivenBackInOneCommandStays() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "c"));
    Task diagnose = openTask(instance, "diagnose");
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.getCommandExecutorTxRequired().execute(context -> {
      TaskEntity task = context.getTaskManager().findTaskById(diagnose.getId());
      task.setAssignee(null);
      task.setAssignee("tech");
      return null;
    });
    assertThat(rows("USER_ID_", "tech", diagnose)).containsExactly(Permissions.READ.getValue() | Permissions.TASK_WORK.getValue());
  }

  /**
   * The rule holds for every model's user tasks. A model may assign a task while creating it, also
   * from a listener, to someone who could not claim it: that is the model's choice, not the caller's
   * (listeners run without authorization checks, Camunda's default).
   */
  @Test
  void everyModelsTasksFollowTheRule() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("task-rights-probe").camundaHistoryTimeToLive(1)
        .startEvent().camundaInitiator("starter")
        .userTask("probe").name("Probe").camundaCandidateGroups("hardware-support")
        .camundaTaskListenerExpression(TaskListener.EVENTNAME_CREATE, "${task.setAssignee(starter)}")
        .endEvent().done();
    String deployment = engine.getRepositoryService().createDeployment().addModelInstance("probe.bpmn", model).deploy().getId();
    Authorization mayStart = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    mayStart.setUserId("alice");
    mayStart.setResource(Resources.PROCESS_DEFINITION);
    mayStart.setResourceId("task-rights-probe");
    mayStart.addPermission(Permissions.READ);
    mayStart.addPermission(Permissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(mayStart);
    try {
      ProcessInstance instance = as("alice", () -> runtime.startProcessInstanceByKey("task-rights-probe"));
      Task probe = openTask(instance, "probe");
      assertThat(probe.getAssignee()).isEqualTo("alice");
      assertThat(rows("USER_ID_", "alice", probe)).containsExactly(Permissions.READ.getValue() | Permissions.TASK_WORK.getValue());

      assertThatThrownBy(() -> as("lead", () -> {
        taskService.setAssignee(probe.getId(), "lead");
        return null;
      })).isInstanceOf(AuthorizationException.class).hasMessageContaining("may not take task 'Probe'");
      as("lead", () -> {
        taskService.setAssignee(probe.getId(), "tech");
        return null;
      });
      assertThat(rows("USER_ID_", "alice", probe)).isEmpty();
      assertThatThrownBy(() -> as("alice", () -> {
        taskService.complete(probe.getId());
        return null;
      })).isInstanceOf(AuthorizationException.class);
    } finally {
      authorizations.deleteAuthorization(mayStart.getId());
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  private void grant(String userId, String groupId, Task task, Permission... permissions) {
    Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setGroupId(groupId);
    authorization.setResource(Resources.TASK);
    authorization.setResourceId(task.getId());
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  private List<Integer> rows(String column, String id, Task task) {
    return jdbc.queryForList("SELECT PERMS_ FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = ? AND "
        + column + " = ?", Integer.class, Resources.TASK.resourceType(), task.getId(), id);
  }
}
