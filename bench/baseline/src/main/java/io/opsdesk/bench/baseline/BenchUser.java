package io.opsdesk.bench.baseline;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The user the load generator works as, in group {@code agents}, allowed to start {@code bare-request}.
 * Its tasks it may read, claim and complete through Camunda's candidate-group task permission. Created
 * while the engine is built, like the starter's administrator, so it exists before health answers UP.
 */
@Component
public class BenchUser extends AbstractCamundaConfiguration {

  static final String GROUP = "agents";
  static final String PROCESS = "bare-request";

  private final String userId;
  private final String password;

  BenchUser(@Value("${bench.user}") String userId, @Value("${bench.password}") String password) {
    this.userId = userId;
    this.password = password;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(userId).count() > 0) {
      return;
    }
    User user = identity.newUser(userId);
    user.setPassword(password);
    identity.saveUser(user);
    identity.saveGroup(identity.newGroup(GROUP));
    identity.createMembership(userId, GROUP);
    grant(engine.getAuthorizationService(), Resources.PROCESS_DEFINITION, PROCESS, Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(engine.getAuthorizationService(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
  }

  private static void grant(AuthorizationService authorizations, Resource resource, String resourceId, Permission... permissions) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(GROUP);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }
}
