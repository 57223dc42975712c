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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.stereotype.Component;

/**
 * H2 targets (the embedded default): a file database with H2's online {@code BACKUP TO} (a zip of the
 * database file), an in-memory one (tests, demos) with {@code SCRIPT TO ... COMPRESSION ZIP}, which
 * BACKUP refuses. The test restore opens the copy apart from the live database and counts its rows;
 * a restore keeps such a copy as a file database, and a switch-in moves its file into the live one's place.
 */
@Component
public class H2Backup implements BackupMethod {

  static final String BACKUP = "H2 BACKUP";
  static final String SCRIPT = "H2 SCRIPT";
  private static final String FILE = "jdbc:h2:file:";
  private static final String DATA_FILE = ".mv.db";

  private final BackupSettings settings;

  public H2Backup(BackupSettings settings) {
    this.settings = settings;
  }

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
      restoreInto(scratch, target, archive, manifest, "Test restore");
    } finally {
      Folders.deleteTree(scratch);
    }
  }

  /** The copy is an H2 file database in {@code <restores>/<target>/<restoreId>/}. */
  @Override
  public String restoreBeside(BackupTarget target, Path archive, Manifest manifest, String restoreId)
      throws BackupFailure, IOException {
    Path folder = settings.getRestores().toAbsolutePath().normalize().resolve(target.name()).resolve(restoreId);
    // Left by an interrupted attempt of this very restore, never handed over: made again from the start.
    Folders.deleteTree(folder);
    Files.createDirectories(folder);
    try {
      return restoreInto(folder, target, archive, manifest, "Restore");
    } catch (BackupFailure | IOException | RuntimeException e) {
      Folders.deleteTree(folder);
      throw e;
    }
  }

  /**
   * Restores the archive as an H2 file database in {@code folder} (a BACKUP zip unpacked, a SCRIPT
   * run into a new database named after the target), compares its tables and row counts with the
   * manifest and answers its URL.
   */
  private static String restoreInto(Path folder, BackupTarget target, Path archive, Manifest manifest, String what)
      throws BackupFailure, IOException {
    boolean script = SCRIPT.equals(manifest.tool());
    String url = FILE + (script ? folder.resolve(target.name()).toString() : unzipDatabase(archive, folder));
    try (Connection restored = DriverManager.getConnection(script ? url : url + ";IFEXISTS=TRUE", target.username(),
        target.password())) {
      if (script) {
        try (Statement statement = restored.createStatement()) {
          statement.execute("RUNSCRIPT FROM " + literal(archive.toAbsolutePath()) + " COMPRESSION ZIP");
        }
      }
      String differences = RowCounts.differences(manifest.rowCounts(), RowCounts.of(restored));
      if (!differences.isEmpty()) {
        throw new BackupFailure("The restored copy differs from the backup: " + differences);
      }
      return url;
    } catch (SQLException e) {
      throw new BackupFailure(what + " of " + target.name() + ": " + e.getMessage());
    }
  }

  /**
   * For a file database: closes the live database (a database another process holds open cannot be
   * opened here, and the switch fails), moves its file aside as {@code <name>_before_<restoreId>},
   * and moves the copy's file into its place. What is already done is not done again.
   */
  @Override
  public String switchIn(BackupTarget target, String restored, String restoreId) throws BackupFailure {
    String live = fileDatabase(target);
    String aside = live + "_before_" + restoreId;
    Path liveFile = Path.of(live + DATA_FILE);
    Path asideFile = Path.of(aside + DATA_FILE);
    Path copyFile = Path.of(restored.substring(FILE.length()) + DATA_FILE);
    try {
      if (!Files.exists(asideFile)) {
        if (!Files.exists(copyFile)) {
          throw new BackupFailure("The restored copy " + copyFile + " is missing");
        }
        try (Connection connection = DriverManager.getConnection(target.url() + ";IFEXISTS=TRUE", target.username(),
            target.password()); Statement statement = connection.createStatement()) {
          statement.execute("SHUTDOWN");
        }
        Files.move(liveFile, asideFile, StandardCopyOption.ATOMIC_MOVE);
      }
      if (Files.exists(copyFile)) {
        Files.move(copyFile, liveFile);
      }
      return FILE + aside;
    } catch (SQLException | IOException e) {
      throw new BackupFailure("Switching in the copy of " + target.name() + ": " + e.getMessage());
    }
  }

  /** The database path (without {@value #DATA_FILE}) of an embedded file database's URL. */
  private static String fileDatabase(BackupTarget target) throws BackupFailure {
    String path = target.url().substring("jdbc:h2:".length()).replaceFirst("^file:", "").split(";", 2)[0];
    if (path.startsWith("mem:") || path.startsWith("tcp:") || path.startsWith("ssl:") || path.startsWith("zip:")) {
      throw new BackupFailure("Only an embedded H2 file database can be switched in; " + target.name() + " is not one");
    }
    if (path.startsWith("~")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  static boolean switchable(BackupTarget target) {
    try {
      fileDatabase(target);
      return true;
    } catch (BackupFailure e) {
      return false;
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
