package io.opsdesk.access;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Grants on one request: its requester, handler group and consultants may read its process instance.
 * Each grant is also recorded as a reader of the ticket, so that /api shows a person exactly the
 * requests the engine lets them read, by one query, and still after the instance has ended.
 */
@Component
public class InstanceAccess {

  private final AuthorizationService authorizations;
  private final NamedParameterJdbcTemplate jdbc;

  public InstanceAccess(AuthorizationService authorizations, NamedParameterJdbcTemplate jdbc) {
    this.authorizations = authorizations;
    this.jdbc = jdbc;
  }

  public void letGroupRead(String processInstanceId, String groupId) {
    if (authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(processInstanceId).count() == 0) {
      Authorization grant = readGrant(processInstanceId);
      grant.setGroupId(groupId);
      authorizations.saveAuthorization(grant);
      recordReader(processInstanceId, null, groupId);
    }
  }

  public void letUserRead(String processInstanceId, String userId) {
    if (authorizations.createAuthorizationQuery().userIdIn(userId).resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(processInstanceId).count() == 0) {
      Authorization grant = readGrant(processInstanceId);
      grant.setUserId(userId);
      authorizations.saveAuthorization(grant);
      recordReader(processInstanceId, userId, null);
    }
  }

  private void recordReader(String processInstanceId, String userId, String groupId) {
    jdbc.update("INSERT INTO ticket_reader (process_instance_id, user_id, group_id) VALUES (:instance, :user, :group)",
        new MapSqlParameterSource(Map.of("instance", processInstanceId)).addValue("user", userId).addValue("group", groupId));
  }

  private Authorization readGrant(String processInstanceId) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setResource(Resources.PROCESS_INSTANCE);
    grant.setResourceId(processInstanceId);
    grant.addPermission(Permissions.READ);
    return grant;
  }
}
