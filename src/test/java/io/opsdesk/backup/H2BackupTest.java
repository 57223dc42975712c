package io.opsdesk.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** H2's online BACKUP of a file database and SCRIPT of an in-memory one, each proven by a test restore. */
class H2BackupTest {

  @TempDir
  Path folder;

  private final H2Backup backup = new H2Backup(new BackupSettings());

  @Test
  void aFileDatabaseIsBackedUpOnlineAndItsCopyOpensWithTheSameRows() throws Exception {
    String url = "jdbc:h2:file:" + folder.resolve("live").resolve("opsdesk");
    BackupTarget target = BackupTarget.database("opsdesk", url, "sa", "");
    try (Connection live = DriverManager.getConnection(url, "sa", "")) {
      fill(live);
      Path archive = folder.resolve("BAK-1" + backup.extension(target));
      Manifest manifest = backup.dump(target, "BAK-1", archive);
      assertThat(archive.getFileName().toString()).isEqualTo("BAK-1.zip");
      assertThat(manifest.tool()).isEqualTo(H2Backup.BACKUP);
      assertThat(manifest.rowCounts()).isEqualTo(Map.of("PUBLIC.ASSET", 3L));
      assertThat(manifest.sha256()).isEqualTo(Checksums.sha256(archive));

      backup.verify(target, archive, manifest);
      Manifest wrong = withCounts(manifest, Map.of("PUBLIC.ASSET", 4L));
      assertThatThrownBy(() -> backup.verify(target, archive, wrong)).isInstanceOf(BackupFailure.class)
          .hasMessageContaining("PUBLIC.ASSET: 4 rows dumped, 3 restored");
    }
  }

  @Test
  void anInMemoryDatabaseIsScriptedAndRestoredIntoAPrivateOne() throws Exception {
    String url = "jdbc:h2:mem:backup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    BackupTarget target = BackupTarget.database("opsdesk", url, "sa", "");
    try (Connection live = DriverManager.getConnection(url, "sa", "")) {
      fill(live);
      Path archive = folder.resolve("BAK-2" + backup.extension(target));
      Manifest manifest = backup.dump(target, "BAK-2", archive);
      assertThat(archive.getFileName().toString()).isEqualTo("BAK-2.sql.zip");
      assertThat(manifest.tool()).isEqualTo(H2Backup.SCRIPT);
      backup.verify(target, archive, manifest);
      assertThatThrownBy(() -> backup.verify(target, archive, withCounts(manifest, Map.of())))
          .isInstanceOf(BackupFailure.class).hasMessageContaining("PUBLIC.ASSET: not in the dump");
    }
  }

  @Test
  void theManifestIsWrittenNextToTheArchiveAndReadBack() throws Exception {
    Path archive = folder.resolve("BAK-3.sql.zip");
    Manifest manifest = new Manifest("opsdesk", "BAK-3", java.time.Instant.parse("2026-12-02T01:00:00Z"), 12, "ab",
        H2Backup.SCRIPT, "2.3", "right before the backup", Map.of("PUBLIC.T", 5L));
    manifest.writeFor(archive);
    assertThat(folder.resolve("BAK-3.manifest.json")).exists();
    assertThat(Files.readString(folder.resolve("BAK-3.manifest.json"))).contains("\"createdAt\" : \"2026-12-02T01:00:00Z\"")
        .doesNotContain("contents");
    assertThat(Manifest.readFor(archive)).isEqualTo(manifest);
  }

  private static void fill(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE asset (id INT PRIMARY KEY, name VARCHAR(20))");
      s.execute("INSERT INTO asset VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    }
  }

  private static Manifest withCounts(Manifest m, Map<String, Long> counts) {
    return new Manifest(m.target(), m.runId(), m.createdAt(), m.sizeBytes(), m.sha256(), m.tool(), m.serverVersion(),
        m.countedAt(), counts);
  }
}
