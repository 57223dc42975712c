package io.opsdesk.access;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task rights follow the task (SECURITY.md, "Task rights follow the task"): installs
 * {@link TaskRightsProvider} as the engine's authorization provider, and at the first start on a database
 * takes back the per-task grants it kept from before, when reassignment left them behind. Once done, the
 * database says so (engine property {@value #REPAIRED}): the provider keeps grants right from then on, and
 * reading every task grant at each start would slow start-up with the number of open tasks.
 */
@Component
public class TaskRights extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRights.class);
  static final String REPAIRED = "opsdesk.task-grant-leftovers-revoked";

  private final TaskRightsProvider provider = new TaskRightsProvider();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(provider);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    var management = engine.getManagementService();
    if (management.getProperties().containsKey(REPAIRED)) {
      return;
    }
    int revoked = revokeLeftovers(engine);
    if (revoked > 0) {
      LOG.info("Took back {} task grant(s) of users and groups no longer assigned to or linked with their task", revoked);
    }
    management.setProperty(REPAIRED, "true");
  }

  /**
   * Revokes every per-task grant of a user who is neither the open task's assignee nor linked to it,
   * and of a group no longer linked to it. Returns how many grants it took back.
   */
  public int revokeLeftovers(ProcessEngine engine) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(this::revokeLeftovers);
  }

  private int revokeLeftovers(CommandContext context) {
    AuthorizationQueryImpl query = new AuthorizationQueryImpl();
    query.resourceType(Resources.TASK).authorizationType(Authorization.AUTH_TYPE_GRANT);
    int revoked = 0;
    for (var authorization : context.getAuthorizationManager().selectAuthorizationByQueryCriteria(query)) {
      AuthorizationEntity grant = (AuthorizationEntity) authorization;
      TaskEntity task = "*".equals(grant.getResourceId()) ? null : context.getTaskManager().findTaskById(grant.getResourceId());
      if (task != null && TaskRightsProvider.live(task) && leftOver(task, grant.getUserId(), grant.getGroupId())
          && provider.revoke(task, grant.getUserId(), grant.getGroupId())) {
        revoked++;
      }
    }
    return revoked;
  }

  private static boolean leftOver(TaskEntity task, String userId, String groupId) {
    if (userId != null) {
      return !"*".equals(userId) && !userId.equals(task.getAssignee()) && !TaskRightsProvider.linked(task, userId, null, null, true);
    }
    return !TaskRightsProvider.linked(task, null, groupId, null, true);
  }
}
