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
 * {@link TaskRightsProvider} as the engine's authorization provider, and at start-up takes back the
 * per-task grants that a database kept from before, when reassignment left them behind.
 */
@Component
public class TaskRights extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRights.class);

  private final TaskRightsProvider provider = new TaskRightsProvider();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(provider);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    int revoked = revokeLeftovers(engine);
    if (revoked > 0) {
      LOG.info("Took back {} task grant(s) of users and groups no longer assigned to or linked with their task", revoked);
    }
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
