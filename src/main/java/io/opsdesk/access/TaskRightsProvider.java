package io.opsdesk.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;

import static org.camunda.bpm.engine.authorization.Permissions.TASK_WORK;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_TASK;

/**
 * Camunda's default task grants, made to follow the task. The engine calls this whenever a task's
 * assignee, owner or identity links change, through any API, before the change is saved; a refusal
 * thrown here rolls the whole command back (assignee, grants, operation log, journal).
 * <ul>
 * <li>The new assignee and candidates get READ and TASK_WORK on the task, as before.</li>
 * <li>The former assignee loses them, unless still linked to the task (e.g. as a candidate user);
 * a group's grant goes when its last link goes. Group grants of access.yaml are untouched.</li>
 * <li>An owner gets nothing: a delegated task is worked by its assignee alone, and comes back to
 * its owner (with the rights) when resolved.</li>
 * <li>Who may make which change: {@link TaskRightsRule}.</li>
 * </ul>
 * Tasks still being created (their assignee and candidates come from the model) and tasks being
 * completed or deleted (the engine drops all their grants) are left to the default.
 */
class TaskRightsProvider extends DefaultAuthorizationProvider {

  /** {@link TaskEntity.TaskState}s of a task being created, completed or deleted (the enum hides its names). */
  private static final Set<String> NOT_LIVE = Set.of("Init", "Completed", "Deleted");

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    TaskEntity entity = (TaskEntity) task;
    if (live(entity)) {
      Authentication caller = caller();
      boolean returnToOwner = newAssignee != null && newAssignee.equals(entity.getOwner())
          && entity.getDelegationState() == DelegationState.RESOLVED;
      TaskRightsRule.Need need = TaskRightsRule.assigneeChange(caller == null ? null : caller.getUserId(),
          oldAssignee, newAssignee, returnToOwner);
      if (!holds(need, entity, caller)) {
        throw new AuthorizationException(TaskRightsRule.assigneeRefusal(need, caller.getUserId(), describe(entity),
            oldAssignee, newAssignee));
      }
      if (oldAssignee != null && !oldAssignee.equals(newAssignee) && !linked(entity, oldAssignee, null, null, true)) {
        revoke(entity, oldAssignee, null);
      }
    }
    return super.newTaskAssignee(task, oldAssignee, newAssignee);
  }

  @Override
  public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
    return null;
  }

  @Override
  public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
    checkNewLink((TaskEntity) task, userId, null);
    return super.newTaskUserIdentityLink(task, userId, type);
  }

  @Override
  public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
    checkNewLink((TaskEntity) task, null, groupId);
    return super.newTaskGroupIdentityLink(task, groupId, type);
  }

  @Override
  public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
    TaskEntity entity = (TaskEntity) task;
    if (live(entity) && !userId.equals(entity.getAssignee()) && !linked(entity, userId, null, type, true)) {
      revoke(entity, userId, null);
    }
    return null;
  }

  @Override
  public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
    TaskEntity entity = (TaskEntity) task;
    if (live(entity) && !linked(entity, null, groupId, type, true)) {
      revoke(entity, null, groupId);
    }
    return null;
  }

  /** A grant revoked earlier in the same command and given again: keep the row instead of deleting it. */
  @Override
  protected AuthorizationEntity createOrUpdateAuthorization(Task task, String userId, String groupId, Resource resource,
      boolean isHistoric, Permission... permissions) {
    AuthorizationEntity authorization = super.createOrUpdateAuthorization(task, userId, groupId, resource, isHistoric,
        permissions);
    DbEntityManager db = Context.getCommandContext().getDbEntityManager();
    if (db.getDbEntityCache().isDeleted(authorization)) {
      db.undoDelete(authorization);
    }
    return authorization;
  }

  /**
   * Takes from a user or group what the default grants give on this task (READ, TASK_WORK, and
   * READ_VARIABLE or the historic READ where switched on); deletes the grant when nothing is left.
   * Returns whether the grant held any of them.
   */
  boolean revoke(TaskEntity task, String userId, String groupId) {
    boolean specificVariables = isEnforceSpecificVariablePermission();
    boolean revoked = revoke(task.getId(), userId, groupId, Resources.TASK, getRuntimePermissions(specificVariables));
    if (isHistoricInstancePermissionsEnabled()) {
      revoked |= revoke(task.getId(), userId, groupId, Resources.HISTORIC_TASK, getHistoricPermissions(specificVariables));
    }
    return revoked;
  }

  private boolean revoke(String taskId, String userId, String groupId, Resource resource, Permission[] permissions) {
    DbEntityManager db = Context.getCommandContext().getDbEntityManager();
    AuthorizationEntity grant = grantOf(db, taskId, userId, groupId, resource);
    if (grant == null) {
      return false;
    }
    int before = grant.getPermissions();
    for (Permission permission : permissions) {
      grant.removePermission(permission);
    }
    if (grant.getPermissions() == Permissions.NONE.getValue()) {
      db.delete(grant);
    } // otherwise the changed row is written when the command ends
    return grant.getPermissions() != before;
  }

  /** The grant, also when created earlier in this command and not yet written. */
  private AuthorizationEntity grantOf(DbEntityManager db, String taskId, String userId, String groupId, Resource resource) {
    DbEntityCache cache = db.getDbEntityCache();
    for (AuthorizationEntity cached : db.getCachedEntitiesByType(AuthorizationEntity.class)) {
      if (hasEntitySameAuthorizationRights(cached, userId, groupId, resource, taskId) && !cache.isDeleted(cached)) {
        return cached;
      }
    }
    AuthorizationEntity stored = getGrantAuthorization(taskId, userId, groupId, resource);
    return stored == null || cache.isDeleted(stored) ? null : stored;
  }

  private void checkNewLink(TaskEntity task, String userId, String groupId) {
    if (!live(task)) {
      return;
    }
    Authentication caller = caller();
    TaskRightsRule.Need need = TaskRightsRule.newLink(caller == null ? null : caller.getUserId(),
        caller == null ? null : caller.getGroupIds(), userId, groupId);
    if (!holds(need, task, caller)) {
      throw new AuthorizationException(TaskRightsRule.linkRefusal(caller.getUserId(), describe(task), userId, groupId));
    }
  }

  private static boolean holds(TaskRightsRule.Need need, TaskEntity task, Authentication caller) {
    return switch (need) {
      case NOTHING -> true;
      case OWN_WORK_RIGHT -> mayWorkOnOwnAccount(task, caller);
      case TASK_ASSIGN -> mayAssign(task);
    };
  }

  /**
   * Work rights not owed to being the assignee: a link to the task made before this command (as a
   * candidate user or through a group), or a grant on every task of its kind. The caller's own
   * per-task grant is not asked: it may be what an earlier assignment gave.
   */
  private static boolean mayWorkOnOwnAccount(TaskEntity task, Authentication caller) {
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (linked(task, caller.getUserId(), null, null, false) || groups.stream().anyMatch(g -> linked(task, null, g, null, false))) {
      return true;
    }
    PermissionCheckBuilder check = new PermissionCheckBuilder().disjunctive()
        .atomicCheckForResourceId(Resources.TASK, "*", TASK_WORK)
        .atomicCheckForResourceId(Resources.TASK, "*", UPDATE);
    if (task.getProcessDefinition() != null) {
      String key = task.getProcessDefinition().getKey();
      check.atomicCheckForResourceId(Resources.PROCESS_DEFINITION, key, TASK_WORK)
          .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, key, UPDATE_TASK);
    }
    CompositePermissionCheck composite = check.build();
    return Context.getCommandContext().getAuthorizationManager().isAuthorized(caller.getUserId(), groups, composite);
  }

  /** The engine's own TASK_ASSIGN check, as the assign command makes it. */
  private static boolean mayAssign(TaskEntity task) {
    try {
      for (CommandChecker checker : Context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkTaskAssign(task);
      }
      return true;
    } catch (AuthorizationException e) {
      return false;
    }
  }

  /**
   * Whether a user or group is linked to the task: links removed in this command do not count, nor
   * links of type {@code exceptType} (being removed), nor, unless {@code countNew}, links added in this command.
   */
  static boolean linked(TaskEntity task, String userId, String groupId, String exceptType, boolean countNew) {
    DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
    for (IdentityLinkEntity link : task.getIdentityLinks()) {
      boolean matches = userId != null ? userId.equals(link.getUserId()) : groupId.equals(link.getGroupId());
      if (matches && !cache.isDeleted(link) && !Objects.equals(link.getType(), exceptType) && (countNew || !cache.isTransient(link))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The user on whose behalf the command runs; null when the engine acts for itself or trusted code
   * switched authorization checks off.
   */
  private static Authentication caller() {
    CommandContext context = Context.getCommandContext();
    Authentication authentication = context.getAuthentication();
    return authentication == null || authentication.getUserId() == null || !context.isAuthorizationCheckEnabled()
        ? null : authentication;
  }

  /** Created and neither completed nor deleted: its assignee and links are changed by someone. */
  static boolean live(Task task) {
    return !NOT_LIVE.contains(task.getTaskState());
  }

  private static String describe(TaskEntity task) {
    return "task '" + (task.getName() == null ? task.getTaskDefinitionKey() : task.getName()) + "' (" + task.getId() + ")";
  }
}
