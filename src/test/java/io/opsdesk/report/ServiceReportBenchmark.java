package io.opsdesk.report;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The service report over a million closed requests in PostgreSQL (README "Service report", benchmark):
 * creates the database {@code opsdesk.bench.database} (default opsdesk_report_bench) on 127.0.0.1:5432
 * if missing, migrates it (Flyway, plus Camunda's history tables the step times read), fills it once with
 * report/benchmark-data.sql, then times {@link ServiceReports#compute} for June 2024 and prints the
 * EXPLAIN ANALYZE plan of each of its queries. A command, not a test: run it by hand, once.
 */
public final class ServiceReportBenchmark {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = "postgres";
  private static final int TICKETS = 1_000_000;
  private static final ReportPeriod MONTH = new ReportPeriod(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 30));

  private ServiceReportBenchmark() {
  }

  public static void main(String[] args) throws SQLException {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    String database = System.getProperty("opsdesk.bench.database", "opsdesk_report_bench");
    createIfMissing(database);
    DriverManagerDataSource dataSource = new DriverManagerDataSource(SERVER + database, USER, System.getProperty("opsdesk.bench.password", ""));
    // -Dopsdesk.bench.jit=off measures the report as with "ALTER DATABASE ... SET jit = off" (README).
    if ("off".equals(System.getProperty("opsdesk.bench.jit"))) {
      Properties options = new Properties();
      options.setProperty("options", "-c jit=off");
      dataSource.setConnectionProperties(options);
    }
    Flyway.configure().dataSource(dataSource).table("opsdesk_schema_history").baselineOnMigrate(true).baselineVersion("0")
        .locations("classpath:db/migration").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    if (jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'act_hi_taskinst'", Long.class) == 0) {
      try (Connection connection = dataSource.getConnection()) {
        ScriptUtils.executeSqlScript(connection, new ClassPathResource("org/camunda/bpm/engine/db/create/activiti.postgres.create.history.sql"));
      }
    }
    long have = jdbc.queryForObject("SELECT COUNT(*) FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%'", Long.class);
    if (have == 0) {
      long start = System.nanoTime();
      try (Connection connection = dataSource.getConnection()) {
        ScriptUtils.executeSqlScript(connection, new ClassPathResource("report/benchmark-data.sql"));
      }
      jdbc.execute("ANALYZE");
      System.out.printf("Generated %,d closed requests in %.1f s%n", TICKETS, (System.nanoTime() - start) / 1e9);
    } else if (have != TICKETS) {
      throw new IllegalStateException(database + " holds " + have + " benchmark requests, not " + TICKETS + ": drop it and run again");
    }
    System.out.printf("Tickets in %s: %,d%n", database, jdbc.queryForObject("SELECT COUNT(*) FROM ticket", Long.class));

    ZoneId zone = ZoneId.systemDefault();
    ServiceReports reports = new ServiceReports(new NamedParameterJdbcTemplate(dataSource));
    for (int run = 1; run <= 3; run++) {
      long start = System.nanoTime();
      ServiceReport report = reports.compute(MONTH, zone);
      System.out.printf("Report %s to %s (%s), run %d: %d ms; opened %,d, closed %,d, resolution SLA %.4f%n",
          MONTH.from(), MONTH.to(), zone, run, (System.nanoTime() - start) / 1_000_000, report.overall().opened(),
          report.overall().closed(), report.overall().resolutionSlaCompliance());
    }

    Explaining explaining = new Explaining(dataSource);
    new ServiceReports(explaining).compute(MONTH, zone);
    explaining.printPlans();
  }

  private static void createIfMissing(String database) throws SQLException {
    if (!database.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("Database name " + database + ": lower-case letters, digits and _ only");
    }
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, System.getProperty("opsdesk.bench.password", ""))) {
      boolean exists;
      try (var check = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        check.setString(1, database);
        exists = check.executeQuery().next();
      }
      if (!exists) {
        connection.createStatement().execute("CREATE DATABASE " + database);
      }
    }
  }

  /** Runs the report's queries as they come and keeps each, to print its plan afterwards with the same parameters. */
  private static final class Explaining extends NamedParameterJdbcTemplate {

    private record Query(String sql, SqlParameterSource params) {
    }

    private final List<Query> queries = new ArrayList<>();

    Explaining(DriverManagerDataSource dataSource) {
      super(dataSource);
    }

    @Override
    public void query(String sql, SqlParameterSource params, RowCallbackHandler handler) {
      queries.add(new Query(sql, params));
      super.query(sql, params, handler);
    }

    void printPlans() {
      for (Query query : queries) {
        System.out.println("\n==== " + query.sql().strip().lines().findFirst().orElse("") + " ...");
        super.query("EXPLAIN (ANALYZE, BUFFERS) " + query.sql(), query.params(),
            (RowCallbackHandler) rs -> System.out.println(rs.getString(1)));
      }
    }
  }
}
