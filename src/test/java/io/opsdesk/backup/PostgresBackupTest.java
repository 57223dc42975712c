package io.opsdesk.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pg_dump and the test restore against the machine's real PostgreSQL (127.0.0.1:5432, user postgres, trust). */
class PostgresBackupTest {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  // Trust authentication ignores it; it is given so that the tools get a PGPASSWORD that must not leak.
  private static final String PASSWORD = "Never-Shown-9x";

  @TempDir
  Path store;

  private final String source = "opsdesk_backup_src_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final List<String> created = new ArrayList<>();
  private PostgresBackup backup;

  @BeforeEach
  void sourceDatabase() throws SQLException {
    BackupSettings settings = new BackupSettings();
    backup = new PostgresBackup(new ProcessRunner(), settings);
    admin("CREATE DATABASE " + source);
    created.add(source);
    try (Connection c = DriverManager.getConnection(SERVER + source, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE asset (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)");
      s.execute("INSERT INTO asset SELECT n, 'server-' || n FROM generate_series(1, 250) n");
      s.execute("CREATE SCHEMA ops");
      s.execute("CREATE TABLE ops.\"Note\" (text VARCHAR(40))");
      s.execute("INSERT INTO ops.\"Note\" VALUES ('a'), ('b')");
    }
  }

  @AfterEach
  void dropDatabases() throws SQLException {
    for (String database : created) {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void dumpsVerifiesByATestRestoreAndTheRestoredRowsEqualTheSource() throws Exception {
    BackupTarget target = target(source);
    Path archive = store.resolve("BAK-1.dump");
    Set<String> scratchBefore = scratchDatabases();

    Manifest manifest = backup.dump(target, "BAK-1", archive);
    assertThat(manifest.sha256()).isEqualTo(Checksums.sha256(archive)).hasSize(64);
    assertThat(manifest.sizeBytes()).isEqualTo(Files.size(archive)).isPositive();
    assertThat(manifest.rowCounts()).isEqualTo(Map.of("public.asset", 250L, "ops.Note", 2L));
    assertThat(manifest.tool()).startsWith("pg_dump (PostgreSQL)");
    assertThat(manifest.countedAt()).isEqualTo("in the dump's snapshot");
    assertThat(Files.readAllBytes(archive)).startsWith("PGDMP".getBytes());

    backup.verify(target, archive, manifest);
    assertThat(scratchDatabases()).isEqualTo(scratchBefore);

    String copy = source + "_copy";
    admin("CREATE DATABASE " + copy);
    created.add(copy);
    new ProcessRunner().run(List.of("pg_restore", "--no-owner", "--host=127.0.0.1", "--username=postgres",
        "--dbname=" + copy, archive.toString()), Map.of(), null, java.time.Duration.ofMinutes(2));
    assertThat(rows(copy, "SELECT id, name FROM asset ORDER BY id")).isEqualTo(rows(source, "SELECT id, name FROM asset ORDER BY id"))
        .hasSize(250);
  }

  @Test
  void aRestoreWhoseRowCountsDifferFromTheManifestFailsNamingTheTable() throws Exception {
    BackupTarget target = target(source);
    Path archive = store.resolve("BAK-2.dump");
    Manifest manifest = backup.dump(target, "BAK-2", archive);
    Manifest tampered = new Manifest(manifest.target(), manifest.runId(), manifest.createdAt(), manifest.sizeBytes(),
        manifest.sha256(), manifest.tool(), manifest.serverVersion(), manifest.countedAt(),
        Map.of("public.asset", 251L, "ops.Note", 2L));
    assertThatThrownBy(() -> backup.verify(target, archive, tampered)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("public.asset: 251 rows dumped, 250 restored");
  }

  @Test
  void aDamagedArchiveFailsTheTestRestoreWithTheToolsMessageAndLeavesNoScratchDatabase() throws Exception {
    BackupTarget target = target(source);
    Path archive = store.resolve("BAK-3.dump");
    Manifest manifest = backup.dump(target, "BAK-3", archive);
    byte[] bytes = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Set<String> scratchBefore = scratchDatabases();

    assertThatThrownBy(() -> backup.verify(target, archive, manifest)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("pg_restore failed").hasMessageNotContaining(PASSWORD);
    assertThat(scratchDatabases()).isEqualTo(scratchBefore);
  }

  @Test
  void aDatabaseThatDoesNotExistFailsTheDumpWithoutThePasswordAndLeavesNoFile() {
    BackupTarget target = target("opsdesk_backup_no_such_db");
    Path archive = store.resolve("BAK-4.dump");
    assertThatThrownBy(() -> backup.dump(target, "BAK-4", archive)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("opsdesk_backup_no_such_db").hasMessageContaining("does not exist")
        .hasMessageNotContaining(PASSWORD);
    assertThat(archive).doesNotExist();
    assertThat(archive.resolveSibling("BAK-4.dump.partial")).doesNotExist();
  }

  @Test
  void theAddressComesFromTheJdbcUrl() {
    PostgresBackup.Address address = PostgresBackup.Address.of("jdbc:postgresql://db.example:6543/ops?ssl=true");
    assertThat(address).isEqualTo(new PostgresBackup.Address("db.example", 6543, "ops", "ssl=true"));
    assertThat(address.jdbcUrl("scratch")).isEqualTo("jdbc:postgresql://db.example:6543/scratch?ssl=true");
    assertThat(PostgresBackup.Address.of("jdbc:postgresql://localhost/ops").port()).isEqualTo(5432);
    assertThat(address.options("bob", "ops")).containsExactly("--no-password", "--host=db.example", "--port=6543",
        "--username=bob", "--dbname=ops");
  }

  @Test
  void theRestoredCopyAndTheKeptLiveOneAreNamedAfterTheRestoreWithinPostgresLimit() {
    assertThat(PostgresBackup.besideName("opsdesk", "restore", "RST-20261202-0930-2"))
        .isEqualTo("opsdesk_restore_rst_20261202_0930_2");
    String cut = PostgresBackup.besideName("x".repeat(80), "before", "RST-20261202-0930");
    assertThat(cut).hasSize(63).endsWith("_before_rst_20261202_0930").startsWith("xxx");
  }

  private BackupTarget target(String database) {
    return BackupTarget.database("src", SERVER + database, "postgres", PASSWORD);
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Set<String> scratchDatabases() throws SQLException {
    Set<String> names = new HashSet<>();
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'opsdesk_verify_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static List<String> rows(String database, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getString(2));
      }
    }
    return rows;
  }
}
