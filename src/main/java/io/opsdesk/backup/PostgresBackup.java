package io.opsdesk.backup;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * PostgreSQL targets: {@code pg_dump -Fc} and a test restore with {@code pg_restore} into a scratch
 * database, both run by {@link ProcessRunner}. The password reaches the tools only as PGPASSWORD in
 * their environment; host, port, user and database go as {@code --option=value} so that no value can
 * be read as another option.
 */
@Component
public class PostgresBackup implements BackupMethod {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProcessRunner runner;
  private final BackupSettings settings;

  public PostgresBackup(ProcessRunner runner, BackupSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  @Override
  public String extension(BackupTarget target) {
    return ".dump";
  }

  /** Host, port and database of a {@code jdbc:postgresql://host[:port]/database[?...]} URL. */
  record Address(String host, int port, String database, String query) {

    static Address of(String jdbcUrl) {
      URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (uri.getHost() == null || path.isEmpty()) {
        throw new IllegalStateException("Only jdbc:postgresql://host[:port]/database URLs can be backed up");
      }
      return new Address(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, uri.getRawQuery());
    }

    String jdbcUrl(String otherDatabase) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + otherDatabase + (query == null ? "" : "?" + query);
    }

    List<String> options(String user, String database) {
      List<String> options = new ArrayList<>(List.of("--no-password", "--host=" + host, "--port=" + port));
      if (user != null && !user.isEmpty()) {
        options.add("--username=" + user);
      }
      options.add("--dbname=" + database);
      return options;
    }
  }

  /**
   * Dumps the target into {@code archive}. The row counts are taken in the very snapshot the dump
   * reads: a REPEATABLE READ transaction exports its snapshot, counts every table, and stays open
   * while pg_dump runs with {@code --snapshot}, so later writes change neither.
   */
  @Override
  public Manifest dump(BackupTarget target, String runId, Path archive) throws BackupFailure, IOException {
    Address address = Address.of(target.url());
    try (Connection connection = target.connect()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      String snapshot = single(connection, "SELECT pg_export_snapshot()");
      Map<String, Long> counts = RowCounts.of(connection);
      String server = single(connection, "SHOW server_version");
      List<String> command = new ArrayList<>(List.of("pg_dump", "--format=custom", "--snapshot=" + snapshot));
      command.addAll(address.options(target.username(), address.database()));
      runner.run(command, environment(target), archive, settings.getToolTimeout());
      connection.commit();
      return new Manifest(target.name(), runId, Instant.now(), Files.size(archive), Checksums.sha256(archive),
          toolVersion(), server, "in the dump's snapshot", counts);
    } catch (ToolFailure e) {
      throw new BackupFailure(e.getMessage());
    } catch (SQLException e) {
      throw new BackupFailure("Database " + address.database() + " on " + address.host() + ": " + e.getMessage());
    }
  }

  /**
   * Restores {@code archive} into a new scratch database on the target's server, compares its tables
   * and row counts with the manifest, and drops the scratch database whatever happened.
   */
  @Override
  public void verify(BackupTarget target, Path archive, Manifest manifest) throws BackupFailure {
    Address address = Address.of(target.url());
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    String scratch = "opsdesk_verify_" + HexFormat.of().formatHex(random);
    try {
      execute(target, "CREATE DATABASE " + scratch);
      try {
        List<String> command = new ArrayList<>(List.of("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"));
        command.addAll(address.options(target.username(), scratch));
        command.add(archive.toAbsolutePath().toString());
        runner.run(command, environment(target), null, settings.getToolTimeout());
        try (Connection restored = DriverManager.getConnection(address.jdbcUrl(scratch), target.username(),
            target.password())) {
          String differences = RowCounts.differences(manifest.rowCounts(), RowCounts.of(restored));
          if (!differences.isEmpty()) {
            throw new BackupFailure("The test restore differs from the dump: " + differences);
          }
        }
      } finally {
        execute(target, "DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
      }
    } catch (ToolFailure e) {
      throw new BackupFailure("Test restore: " + e.getMessage());
    } catch (SQLException e) {
      throw new BackupFailure("Test restore on " + address.host() + ": " + e.getMessage());
    }
  }

  private static void execute(BackupTarget target, String sql) throws SQLException {
    try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private String toolVersion() throws IOException, BackupFailure {
    try {
      return runner.versionLine("pg_dump", settings.getToolTimeout());
    } catch (ToolFailure e) {
      throw new BackupFailure(e.getMessage());
    }
  }

  // The only way the password reaches a tool: the child's environment, never its arguments.
  private static Map<String, String> environment(BackupTarget target) {
    return target.password().isEmpty() ? Map.of() : Map.of("PGPASSWORD", target.password());
  }
}
