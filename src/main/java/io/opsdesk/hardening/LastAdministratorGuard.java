package io.opsdesk.hardening;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Installs {@link AdminKeepingIdentityProvider} in place of Camunda's database identity provider,
 * so the engine itself refuses to leave {@code camunda-admin} empty, whichever API is used.
 */
@Component
public class LastAdministratorGuard extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(LastAdministratorGuard.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    SessionFactory current = configuration.getIdentityProviderSessionFactory();
    if (current == null || current.getSessionType() == DbIdentityServiceProvider.class) {
      configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(AdminKeepingIdentityProvider.class));
    } else {
      // Another identity provider (e.g. LDAP, read-only) manages users: it is not ours to replace.
      LOG.warn("Identity provider {} is not Camunda's database provider; camunda-admin is not guarded against "
          + "losing its last member", current.getSessionType().getName());
    }
  }
}
