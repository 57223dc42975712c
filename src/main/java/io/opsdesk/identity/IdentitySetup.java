package io.opsdesk.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Puts {@link ThrottledIdentityService} and {@link PasswordRules} into the engine, and makes
 * Camunda's per-user login lock harmless: its default ({@code loginMaxAttempts} 10) locks an account
 * for good after ten wrong passwords from anybody, the administrator's included. Pinned here rather
 * than left to {@code generic-properties}, so no configuration can bring that lock back.
 */
public class IdentitySetup extends AbstractProcessEnginePlugin {

  private final LoginThrottle throttle;

  public IdentitySetup(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Before init: the engine wires its command executor into the service it is given.
    configuration.setIdentityService(new ThrottledIdentityService(throttle));
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // After the starter's generic properties (applied in preInit), which must not undo these.
    configuration.setEnablePasswordPolicy(true);
    configuration.setPasswordPolicy(PasswordRules.INSTANCE);
    // No permanent lock, and no per-user delay anybody could impose on somebody else.
    configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
    configuration.setLoginDelayBase(0);
  }
}
