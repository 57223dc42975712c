package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * What an archive holds, written next to it as {@code <runId>.manifest.json}: target, time, size,
 * SHA-256, tool and server versions, and the row count of every table when the data was read
 * ({@code countedAt} says how exactly), which the test restore compares.
 */
public record Manifest(String target, String runId, Instant createdAt, long sizeBytes, String sha256, String tool,
    String serverVersion, String countedAt, Map<String, Long> rowCounts) {

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

  static Manifest readFor(Path archive) throws IOException {
    return JSON.readValue(Files.readAllBytes(fileFor(archive)), Manifest.class);
  }
}
