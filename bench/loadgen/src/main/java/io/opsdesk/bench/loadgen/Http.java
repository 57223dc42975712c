package io.opsdesk.bench.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON over HTTP with Basic authentication, one client (and its connection pool) per application. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A user the load generator calls as. */
  record Account(String id, String password) {
    String authorization() {
      return "Basic " + Base64.getEncoder().encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A refused or failed call: the load generator counts it as an error. */
  static final class Failure extends IOException {
    Failure(String message) {
      super(message);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  JsonNode get(Account as, String path) throws IOException {
    return send(as, HttpRequest.newBuilder(uri(path)).GET());
  }

  JsonNode post(Account as, String path, Object body) throws IOException {
    return send(as, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  JsonNode put(Account as, String path) throws IOException {
    return send(as, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.noBody()));
  }

  /**
   * A multipart/form-data POST (Camunda's deployment create): text fields and files, each file under its
   * own name as the part's name and file name.
   */
  JsonNode postMultipart(Account as, String path, Map<String, String> fields, List<Path> files) throws IOException {
    String boundary = "bench-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(Files.readAllBytes(file));
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(as, HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** The status of a GET, unchecked (health, existence probes); {@code as} null for none. */
  int status(Account as, String path) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
    if (as != null) {
      request.header("Authorization", as.authorization());
    }
    return call(request.build()).statusCode();
  }

  /** Camunda's typed variables: {"name": {"value": ..., "type": "String"}, ...}. */
  static Map<String, Object> typed(Map<String, ?> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", value.getClass().getSimpleName())));
    return typed;
  }

  private JsonNode send(Account as, HttpRequest.Builder request) throws IOException {
    HttpResponse<String> response = call(request.header("Authorization", as.authorization()).header("Accept", "application/json")
        .timeout(Duration.ofSeconds(60)).build());
    if (response.statusCode() / 100 != 2) {
      String body = response.body();
      throw new Failure(response.request().method() + " " + response.request().uri().getPath() + " as " + as.id() + ": "
          + response.statusCode() + " " + body.substring(0, Math.min(body.length(), 300)));
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private HttpResponse<String> call(HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static String json(Object body) throws JsonProcessingException {
    return JSON.writeValueAsString(body);
  }
}
