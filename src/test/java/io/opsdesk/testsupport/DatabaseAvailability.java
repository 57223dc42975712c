package io.opsdesk.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the PostgreSQL run of the suite (profile pgtest): recreates the test database once per JVM.
 * Without a reachable server the run is skipped on a developer's machine and fails in CI
 * ({@code CI=true}), where PostgreSQL is required.
 */
public class DatabaseAvailability implements ExecutionCondition {

  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  /** Overridable, so that two checkouts on one machine can run their PostgreSQL suites side by side. */
  static final String DATABASE = System.getProperty("opsdesk.test.database", "opsdesk_test");

  private static Boolean ready;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!onPostgres()) {
      return ConditionEvaluationResult.enabled("H2 run");
    }
    synchronized (DatabaseAvailability.class) {
      if (ready == null) {
        ready = prepare();
      }
    }
    return ready ? ConditionEvaluationResult.enabled("PostgreSQL at " + HOST + ":" + PORT)
        : ConditionEvaluationResult.disabled("PostgreSQL not reachable at " + HOST + ":" + PORT + " (required only in CI)");
  }

  public static boolean onPostgres() {
    return System.getProperty("spring.profiles.active", "").contains("pgtest");
  }

  private static boolean prepare() {
    if (!reachable(HOST, PORT)) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true requires PostgreSQL at " + HOST + ":" + PORT + ", which is unreachable");
      }
      return false;
    }
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot recreate test database " + DATABASE, e);
    }
  }

  static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
