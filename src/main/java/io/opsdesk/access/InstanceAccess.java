package io.opsdesk.access;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/** Grants on one request: its handler group and its requester may read its process instance. */
@Component
public class InstanceAccess {

  private final AuthorizationService authorizations;

  public InstanceAccess(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  public void letGroupRead(String processInstanceId, String groupId) {
    if (authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(processInstanceId).count() == 0) {
      Authorization grant = readGrant(processInstanceId);
      grant.setGroupId(groupId);
      authorizations.saveAuthorization(grant);
    }
  }

  public void letUserRead(String processInstanceId, String userId) {
    if (authorizations.createAuthorizationQuery().userIdIn(userId).resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(processInstanceId).count() == 0) {
      Authorization grant = readGrant(processInstanceId);
      grant.setUserId(userId);
      authorizations.saveAuthorization(grant);
    }
  }

  private Authorization readGrant(String processInstanceId) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setResource(Resources.PROCESS_INSTANCE);
    grant.setResourceId(processInstanceId);
    grant.addPermission(Permissions.READ);
    return grant;
  }
}
