package io.opsdesk.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.stereotype.Component;

/**
 * H2 targets (the embedded default): a file database with H2's online {@code BACKUP TO} (a zip of the
 * database file), an in-memory one (tests, demos) with {@code SCRIPT TO ... COMPRESSION ZIP}, which
 * BACKUP refuses. The test restore opens the copy apart from the live database and counts its rows.
 */
@Component
public class H2Backup implements BackupMethod {

  static final String BACKUP = "H2 BACKUP";
  static final String SCRIPT = "H2 SCRIPT";

  @Override
  public String extension(BackupTarget target) {
    return inMemory(target) ? ".sql.zip" : ".zip";
  }

  private static boolean inMemory(BackupTarget target) {
    return target.url().startsWith("jdbc:h2:mem:");
  }

  /**
   * The row counts are taken right before the backup on the same connection, not in one snapshot
   * (H2 cannot hand a snapshot to BACKUP): a write committed in between shows as a difference in the
   * test restore, which then fails rather than vouch for counts it did not see.
   */
  @Override
  public Manifest dump(BackupTarget target, String runId, Path archive) throws BackupFailure, IOException {
    boolean inMemory = inMemory(target);
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
      Map<String, Long> counts = RowCounts.of(connection);
      String server = connection.getMetaData().getDatabaseProductVersion();
      Files.deleteIfExists(partial);
      statement.execute((inMemory ? "SCRIPT TO " : "BACKUP TO ") + literal(partial) + (inMemory ? " COMPRESSION ZIP" : ""));
      Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Manifest(target.name(), runId, Instant.now(), Files.size(archive), Checksums.sha256(archive),
          inMemory ? SCRIPT : BACKUP, server, "right before the backup", counts);
    } catch (SQLException e) {
      Files.deleteIfExists(partial);
      throw new BackupFailure("H2 backup of " + target.name() + ": " + e.getMessage());
    }
  }

  @Override
  public void verify(BackupTarget target, Path archive, Manifest manifest) throws BackupFailure, IOException {
    Path scratch = Files.createTempDirectory("opsdesk-verify-");
    try {
      String url;
      if (SCRIPT.equals(manifest.tool())) {
        // A private in-memory database, gone when its last connection closes.
        url = "jdbc:h2:mem:verify-" + UUID.randomUUID();
      } else {
        url = "jdbc:h2:file:" + unzipDatabase(archive, scratch) + ";IFEXISTS=TRUE";
      }
      try (Connection restored = DriverManager.getConnection(url, target.username(), target.password())) {
        if (SCRIPT.equals(manifest.tool())) {
          try (Statement statement = restored.createStatement()) {
            statement.execute("RUNSCRIPT FROM " + literal(archive.toAbsolutePath()) + " COMPRESSION ZIP");
          }
        }
        String differences = RowCounts.differences(manifest.rowCounts(), RowCounts.of(restored));
        if (!differences.isEmpty()) {
          throw new BackupFailure("The test restore differs from the backup: " + differences);
        }
      }
    } catch (SQLException e) {
      throw new BackupFailure("Test restore of " + target.name() + ": " + e.getMessage());
    } finally {
      Folders.deleteTree(scratch);
    }
  }

  /** Unpacks the zip into {@code into}; returns the database's path without ".mv.db". */
  private static String unzipDatabase(Path archive, Path into) throws IOException, BackupFailure {
    String database = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path file = into.resolve(entry.getName()).normalize();
        if (!file.startsWith(into)) {
          throw new BackupFailure("The archive names a file outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          continue;
        }
        Files.createDirectories(file.getParent());
        copy(zip, file);
        if (file.getFileName().toString().endsWith(".mv.db")) {
          database = file.toString().substring(0, file.toString().length() - ".mv.db".length());
        }
      }
    }
    if (database == null) {
      throw new BackupFailure("The archive holds no H2 database file");
    }
    return database;
  }

  private static void copy(InputStream in, Path file) throws IOException {
    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String literal(Path file) {
    return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
