package io.opsdesk.identity;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Without demo users (production), the first administrator comes from the starter's standard
 * {@code camunda.bpm.admin-user.*} settings. Start-up is refused when that password breaks the
 * {@link PasswordRules} (the policy for every password, checked here first only to say clearly why),
 * or when no administrator exists at all, rather than running an engine nobody can administer.
 */
@Component
@ConditionalOnProperty(name = "opsdesk.demo-users", havingValue = "false")
public class AdminPasswordPolicy extends AbstractProcessEnginePlugin {

  private final Environment environment;

  public AdminPasswordPolicy(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String id = environment.getProperty("camunda.bpm.admin-user.id");
    if (id != null && !id.isBlank()) {
      List<String> problems = PasswordRules.INSTANCE.violations(id, environment.getProperty("camunda.bpm.admin-user.password"));
      if (!problems.isEmpty()) {
        throw new IllegalStateException("Refusing to start: camunda.bpm.admin-user.password " + String.join(", ", problems));
      }
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    String configured = environment.getProperty("camunda.bpm.admin-user.id");
    // A configured administrator is created by the starter itself.
    if ((configured == null || configured.isBlank())
        && engine.getIdentityService().createUserQuery().memberOfGroup(OpsDeskGroups.ADMINS).count() == 0) {
      throw new IllegalStateException("Refusing to start: no administrator exists; set camunda.bpm.admin-user.id "
          + "and camunda.bpm.admin-user.password (or CAMUNDA_BPM_ADMINUSER_ID / CAMUNDA_BPM_ADMINUSER_PASSWORD)");
    }
  }
}
