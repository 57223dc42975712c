package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * What an archive holds, written next to it as {@code <runId>.manifest.json}: target, time, size,
 * SHA-256, tool and server versions, and what the test restore compares: for a database the row count
 * of every table when the data was read ({@code countedAt} says how exactly), for a directory its
 * {@code contents} (absent from a database's manifest, and from manifests older than directories).
 */
public record Manifest(String target, String runId, Instant createdAt, long sizeBytes, String sha256, String tool,
    String serverVersion, String countedAt, Map<String, Long> rowCounts,
    @JsonInclude(JsonInclude.Include.NON_NULL) Contents contents) {

  /**
   * A directory's archive: its regular files (hard links included), their total bytes, and the
   * SHA-256 of its sorted listing (each entry's type and relative path, a file's size, a link's target).
   */
  public record Contents(long files, long bytes, String listingSha256) {
  }

  /** A database's manifest. */
  public Manifest(String target, String runId, Instant createdAt, long sizeBytes, String sha256, String tool,
      String serverVersion, String countedAt, Map<String, Long> rowCounts) {
    this(target, runId, createdAt, sizeBytes, sha256, tool, serverVersion, countedAt, rowCounts, null);
  }

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

  public Manifest {
    rowCounts = new TreeMap<>(rowCounts);
  }

  static Path fileFor(Path archive) {
    String name = archive.getFileName().toString();
    return archive.resolveSibling(name.substring(0, name.indexOf('.')) + ".manifest.json");
  }

  void writeFor(Path archive) throws IOException {
    JSON.writeValue(fileFor(archive).toFile(), this);
  }

  /**
   * The manifest of an archive still as it was made: its SHA-256 is the one recorded then
   * ({@code sha256}), and the manifest names it.
   */
  static Manifest intactFor(Path archive, String sha256) throws IOException, BackupFailure {
    if (!sha256.equals(Checksums.sha256(archive))) {
      throw new BackupFailure("the archive's SHA-256 is no longer the one recorded when it was made");
    }
    Manifest manifest = readFor(archive);
    if (!sha256.equals(manifest.sha256())) {
      throw new BackupFailure("the manifest names another archive");
    }
    return manifest;
  }

  static Manifest readFor(Path archive) throws IOException {
    return JSON.readValue(Files.readAllBytes(fileFor(archive)), Manifest.class);
  }
}
