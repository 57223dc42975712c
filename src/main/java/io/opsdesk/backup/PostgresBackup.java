package io.opsdesk.backup;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * PostgreSQL targets: {@code pg_dump -Fc}, a test restore with {@code pg_restore} into a scratch
 * database, a restore into a new database beside the live one, and its switch-in by renaming; the
 * tools run by {@link ProcessRunner}. The password reaches the tools only as PGPASSWORD in
 * their environment; host, port, user and database go as {@code --option=value} so that no value can
 * be read as another option.
 */
@Component
public class PostgresBackup implements BackupMethod {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_NAME = 63;

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
      return plainUrl(otherDatabase) + (query == null ? "" : "?" + query);
    }

    /** Without the URL's parameters, which may hold a password: what is recorded and shown. */
    String plainUrl(String otherDatabase) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + otherDatabase;
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

  /** Restores {@code archive} into a scratch database, compares it with the manifest, and drops it whatever happened. */
  @Override
  public void verify(BackupTarget target, Path archive, Manifest manifest) throws BackupFailure {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    restore(target, archive, manifest, "opsdesk_verify_" + HexFormat.of().formatHex(random), false, "Test restore");
  }

  /** The copy is the new database {@code <database>_restore_<restore id>} on the target's server. */
  @Override
  public String restoreBeside(BackupTarget target, Path archive, Manifest manifest, String restoreId) throws BackupFailure {
    Address address = Address.of(target.url());
    String copy = besideName(address.database(), "restore", restoreId);
    try {
      // Left by an interrupted attempt of this very restore, never handed over: made again from the start.
      execute(target, "DROP DATABASE IF EXISTS " + quoted(copy) + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new BackupFailure("Restore on " + address.host() + ": " + e.getMessage());
    }
    restore(target, archive, manifest, copy, true, "Restore");
    return address.plainUrl(copy);
  }

  /**
   * Creates database {@code name} on the target's server, restores the archive into it and compares
   * its tables and row counts with the manifest. The database is dropped afterwards unless
   * {@code keep} and it passed.
   */
  private void restore(BackupTarget target, Path archive, Manifest manifest, String name, boolean keep, String what)
      throws BackupFailure {
    Address address = Address.of(target.url());
    boolean passed = false;
    try {
      try {
        execute(target, "CREATE DATABASE " + quoted(name));
        List<String> command = new ArrayList<>(List.of("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"));
        command.addAll(address.options(target.username(), name));
        command.add(archive.toAbsolutePath().toString());
        runner.run(command, environment(target), null, settings.getToolTimeout());
        try (Connection restored = connect(target, address, name)) {
          String differences = RowCounts.differences(manifest.rowCounts(), RowCounts.of(restored));
          if (!differences.isEmpty()) {
            throw new BackupFailure("The restored copy differs from the dump: " + differences);
          }
        }
        passed = true;
      } finally {
        if (!(keep && passed)) {
          execute(target, "DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
        }
      }
    } catch (ToolFailure e) {
      throw new BackupFailure(what + ": " + e.getMessage());
    } catch (SQLException e) {
      throw new BackupFailure(what + " on " + address.host() + ": " + e.getMessage());
    }
  }

  /**
   * Renames the live database to {@code <database>_before_<restore id>} and the copy to the live
   * name, after ending the other sessions on each (a session that connects in between makes the
   * rename fail, and the step is retried). Each rename runs from a connection to the other database,
   * as PostgreSQL renames no database that is in use. What is already done is not done again.
   */
  @Override
  public String switchIn(BackupTarget target, String restored, String restoreId) throws BackupFailure {
    Address address = Address.of(target.url());
    String live = address.database();
    String copy = Address.of(restored).database();
    String aside = besideName(live, "before", restoreId);
    try {
      Set<String> present = present(target, address, List.of(copy, aside, live));
      if (!present.contains(aside)) {
        if (!present.contains(copy)) {
          throw new BackupFailure("The restored copy " + copy + " is missing on " + address.host());
        }
        try (Connection fromCopy = connect(target, address, copy)) {
          rename(fromCopy, live, aside);
        }
      }
      if (present.contains(copy)) {
        try (Connection fromAside = connect(target, address, aside)) {
          rename(fromAside, copy, live);
        }
      }
      return address.plainUrl(aside);
    } catch (SQLException e) {
      throw new BackupFailure("Switching in " + copy + " as " + live + " on " + address.host() + ": " + e.getMessage());
    }
  }

  private static void rename(Connection connection, String from, String to) throws SQLException {
    try (PreparedStatement others = connection.prepareStatement(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()");
        Statement statement = connection.createStatement()) {
      others.setString(1, from);
      others.executeQuery().close();
      statement.execute("ALTER DATABASE " + quoted(from) + " RENAME TO " + quoted(to));
    }
  }

  /** Which of {@code databases} exist, asked over a connection to the first of them that can be opened. */
  private static Set<String> present(BackupTarget target, Address address, List<String> databases) throws SQLException {
    SQLException last = null;
    for (String via : databases) {
      try (Connection connection = connect(target, address, via);
          PreparedStatement query = connection.prepareStatement("SELECT datname FROM pg_database WHERE datname = ANY (?)")) {
        query.setArray(1, connection.createArrayOf("text", databases.toArray()));
        Set<String> found = new HashSet<>();
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
        return found;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * {@code <database>_<kind>_<restore id in lower case>}, the database part cut so that the whole
   * stays within PostgreSQL's 63 bytes (a longer name would be cut silently by the server).
   */
  static String besideName(String database, String kind, String restoreId) {
    String suffix = "_" + kind + "_" + restoreId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return database.substring(0, Math.min(database.length(), MAX_NAME - suffix.length())) + suffix;
  }

  private static Connection connect(BackupTarget target, Address address, String database) throws SQLException {
    return DriverManager.getConnection(address.jdbcUrl(database), target.username(), target.password());
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
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
