package io.opsdesk.bench.loadgen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database created for one application run and dropped after it. Only names starting with
 * {@code opsdesk_bench_} or {@code bare_bench_} are ever created or dropped.
 */
final class Database implements AutoCloseable {

  private final Options.Postgres server;
  private final String name;
  private final Connection connection;

  private Database(Options.Postgres server, String name) throws SQLException {
    this.server = server;
    this.name = name;
    this.connection = DriverManager.getConnection(server.url(name), server.user(), server.password());
  }

  static Database createFresh(Options.Postgres server, String name) throws SQLException {
    if (!name.matches("(opsdesk|bare)_bench_[a-z0-9_]+")) {
      throw new IllegalArgumentException("not a benchmark database name: " + name);
    }
    try (Connection admin = DriverManager.getConnection(server.url("postgres"), server.user(), server.password());
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + name);
    }
    return new Database(server, name);
  }

  String jdbcUrl() {
    return server.url(name);
  }

  /** The single number a query answers (a count). */
  synchronized long number(String query) throws SQLException {
    try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
    try (Connection admin = DriverManager.getConnection(server.url("postgres"), server.user(), server.password());
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
