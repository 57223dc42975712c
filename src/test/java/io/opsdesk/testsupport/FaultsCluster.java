package io.opsdesk.testsupport;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL cluster "faults" on 127.0.0.1:5433 (Debian's {@code pg_createcluster <version> faults
 * --port 5433}, which {@code .ci/run} creates): a server of the fault tests' own, which they may stop
 * and start without disturbing the other tests on the shared cluster at 5432. Missing, it fails the
 * test in CI ({@code CI=true}) and skips it elsewhere.
 */
public final class FaultsCluster {

  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5433;
  private static final String NAME = "faults";

  private final String version;

  private FaultsCluster(String version) {
    this.version = version;
  }

  /** The running cluster, or the test is failed (CI) or skipped (elsewhere) naming what is missing. */
  public static FaultsCluster require() {
    String version = installedVersion();
    String missing = version == null ? "no PostgreSQL cluster '" + NAME + "' (/etc/postgresql/<version>/" + NAME + ")"
        : !DatabaseAvailability.reachable(HOST, PORT) ? "PostgreSQL cluster '" + NAME + "' not answering at " + HOST + ":" + PORT : null;
    if (missing != null) {
      String how = missing + "; create it as .ci/run does (pg_createcluster <version> " + NAME + " --port " + PORT + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true requires " + how);
      }
      Assumptions.abort(how);
    }
    return new FaultsCluster(version);
  }

  /** A JDBC URL of a fresh, empty database of this name on the cluster. */
  public String freshDatabase(String database) {
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + database);
      return url(database);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot recreate database " + database + " at " + HOST + ":" + PORT, e);
    }
  }

  /** Stops the server (every connection is cut), keeps it down for {@code down}, starts it again. */
  public void restart(Duration down) throws InterruptedException {
    control("stop"); // pg_ctlcluster's default mode, fast: open sessions are ended at once
    Thread.sleep(down.toMillis());
    control("start");
  }

  private void control(String action) throws InterruptedException {
    List<String> command = List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, NAME, action);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: "
            + new String(process.getInputStream().readAllBytes()));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + String.join(" ", command), e);
    }
  }

  private static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  private static String installedVersion() {
    File[] versions = new File("/etc/postgresql").listFiles(dir -> new File(dir, NAME).isDirectory());
    return versions == null || versions.length == 0 ? null : versions[0].getName();
  }
}
