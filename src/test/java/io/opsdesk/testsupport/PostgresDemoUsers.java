package io.opsdesk.testsupport;

import io.opsdesk.identity.DemoUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL run of the suite uses the production profile, which creates no demo users and
 * refuses to create them on any database but embedded H2. The tests need the same users and groups
 * as on H2: this plugin, which exists only in test code, creates them, before the production check
 * that an administrator exists.
 */
@Component
@Profile("pgtest")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PostgresDemoUsers extends AbstractProcessEnginePlugin {

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DemoUsers.createAll(engine.getIdentityService());
  }
}
