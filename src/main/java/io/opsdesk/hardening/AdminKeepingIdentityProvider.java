package io.opsdesk.hardening;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;

/**
 * Camunda's database identity provider, except that {@code camunda-admin} always keeps at least one
 * direct member: deleting the last member's membership, the last member as a user, or the group
 * itself is refused. Every channel (Java API, engine REST API, Admin webapp) ends up here.
 *
 * <p>Why: an empty {@code camunda-admin} reopens the Admin webapp's anonymous first-run setup, and
 * leaves nobody able to administer the engine.
 */
public class AdminKeepingIdentityProvider extends DbIdentityServiceProvider {

  static final String ADMINS = Groups.CAMUNDA_ADMIN;

  @Override
  public IdentityOperationResult deleteGroup(String groupId) {
    if (ADMINS.equals(groupId)) {
      // Authorization first: a caller who may not delete groups learns nothing more than that.
      checkAuthorization(Permissions.DELETE, Resources.GROUP, groupId);
      throw new LastAdministratorException("The group " + ADMINS + " cannot be deleted: " + ADMINS
          + " must always keep at least one member");
    }
    return super.deleteGroup(groupId);
  }

  @Override
  public IdentityOperationResult deleteMembership(String userId, String groupId) {
    if (ADMINS.equals(groupId)) {
      checkAuthorization(Permissions.DELETE, Resources.GROUP_MEMBERSHIP, groupId);
      refuseIfLastAdministrator(userId, "User " + userId + " cannot leave " + ADMINS);
    }
    return super.deleteMembership(userId, groupId);
  }

  @Override
  public IdentityOperationResult deleteUser(String userId) {
    checkAuthorization(Permissions.DELETE, Resources.USER, userId);
    refuseIfLastAdministrator(userId, "User " + userId + " cannot be deleted");
    return super.deleteUser(userId);
  }

  private void refuseIfLastAdministrator(String userId, String refusal) {
    if (userId == null || !existsMembership(userId, ADMINS)) {
      return;
    }
    lockAdminGroup();
    long members = getCommandContext().runWithoutAuthorization(
        () -> findUserCountByQueryCriteria((DbUserQueryImpl) new DbUserQueryImpl().memberOfGroup(ADMINS)));
    if (members <= 1) {
      throw new LastAdministratorException(refusal + ": " + ADMINS + " must always keep at least one member, and "
          + userId + " is its last. Add another administrator first.");
    }
  }

  /**
   * Locks the {@code camunda-admin} row until this transaction ends, so two transactions that each
   * remove one of the last two administrators cannot both count two members: the second waits,
   * then counts what the first left.
   */
  private void lockAdminGroup() {
    String table = Context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_ID_GROUP";
    Connection connection = getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement lock = connection.prepareStatement("SELECT ID_ FROM " + table + " WHERE ID_ = ? FOR UPDATE")) {
      lock.setString(1, ADMINS);
      try (ResultSet ignored = lock.executeQuery()) {
        // the row lock is the point
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not lock group " + ADMINS, e);
    }
  }
}
