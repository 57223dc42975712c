package io.opsdesk.identity;

import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Without demo users (production), the first administrator comes from the starter's standard
 * {@code camunda.bpm.admin-user.*} settings. Start-up is refused when that password is weak, or when
 * no administrator exists at all, rather than running an engine nobody can administer.
 */
@Component
@ConditionalOnProperty(name = "opsdesk.demo-users", havingValue = "false")
public class AdminPasswordPolicy extends AbstractProcessEnginePlugin {

  static final int MIN_LENGTH = 12;
  private static final Set<String> DEFAULTS = Set.of("admin", "demo", "password", "changeme", "camunda", "secret",
      "administrator", "123456789012", "passwordpassword");

  private final Environment environment;

  public AdminPasswordPolicy(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String id = environment.getProperty("camunda.bpm.admin-user.id");
    if (id != null && !id.isBlank()) {
      String problem = weakness(id, environment.getProperty("camunda.bpm.admin-user.password"));
      if (problem != null) {
        throw new IllegalStateException("Refusing to start: camunda.bpm.admin-user.password " + problem);
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

  /** Null when the password is acceptable, else why not. */
  static String weakness(String userId, String password) {
    if (password == null || password.isBlank()) {
      return "is empty";
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (DEFAULTS.contains(lower)) {
      return "is a well-known default";
    }
    if (lower.contains(userId.toLowerCase(Locale.ROOT))) {
      return "contains the user id";
    }
    if (password.length() < MIN_LENGTH) {
      return "must have at least " + MIN_LENGTH + " characters";
    }
    if (password.chars().distinct().count() < 5) {
      return "repeats too few characters";
    }
    return null;
  }
}
