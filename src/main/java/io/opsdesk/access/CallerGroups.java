package io.opsdesk.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Hands the caller's groups to Camunda's authorization checks as they are. Camunda first narrows them,
 * once per command, to the groups that hold any grant, and finds those by reading the group of every row
 * of ACT_RU_AUTHORIZATION ({@code SELECT DISTINCT GROUP_ID_}). OpsDesk keeps two grants per request until
 * history clean-up, so that scan grows with the desk's work (130–400 ms at 200,000 grants,
 * docs/performance.md) and every authorization-checked call paid it: a task list, each Tasklist filter
 * count, a start, a page of tickets. The narrowing changes no answer (a group without grants matches no
 * row), so it is skipped for callers with up to {@link #MAX_GROUPS} groups, OpsDesk's staff; for more,
 * Camunda's narrowing keeps the statements short.
 */
@Component
public class CallerGroups extends AbstractProcessEnginePlugin {

  static final int MAX_GROUPS = 50;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    // Custom factories are registered after Camunda's own, by session type: this one replaces its manager.
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Manager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** Camunda's authorization manager, without the scan for callers with few groups. */
  static class Manager extends AuthorizationManager {

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> groupIds) {
      if (groupIds == null || groupIds.isEmpty() || groupIds.size() > MAX_GROUPS) {
        return super.filterAuthenticatedGroupIds(groupIds);
      }
      // A mutable list, as Camunda's: MyBatis reads it by reflection.
      return new ArrayList<>(new LinkedHashSet<>(groupIds));
    }
  }
}
