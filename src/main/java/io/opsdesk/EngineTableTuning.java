package io.opsdesk;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Planner statistics and indexes for Camunda's tables on PostgreSQL (db/engine/postgresql-tuning.sql), so
 * that the task list and the job executor stay fast with many open requests (docs/performance.md, "Scale").
 * Not a Flyway migration: on a new database Flyway runs before the engine has created its tables. Applied
 * after the engine build at every start (the statements are idempotent).
 */
@Component
public class EngineTableTuning extends AbstractProcessEnginePlugin {

  private static final String COUNT_STATISTICS =
      "SELECT count(*) FROM pg_statistic_ext WHERE stxrelid = 'act_ru_authorization'::regclass";

  private final DataSource dataSource;

  public EngineTableTuning(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!"postgres".equals(engine.getProcessEngineConfiguration().getDatabaseType())) {
      return;
    }
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Integer before = jdbc.queryForObject(COUNT_STATISTICS, Integer.class);
    new ResourceDatabasePopulator(new ClassPathResource("db/engine/postgresql-tuning.sql")).execute(dataSource);
    // New statistics are empty until the table is analysed: an upgraded database needs them now.
    if (!before.equals(jdbc.queryForObject(COUNT_STATISTICS, Integer.class))) {
      jdbc.execute("ANALYZE act_ru_authorization");
    }
  }
}
