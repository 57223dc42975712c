package io.opsdesk.inspection.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Serves Redfish mockups from the classpath the way DMTF's Redfish-Mockup-Server lays them out: GET
 * {@code /<server>/redfish/v1/Chassis/1} answers {@code <root>/<server>/redfish/v1/Chassis/1/index.json}.
 * {@code ?$skip=N} answers {@code index.skip-N.json} (a collection's later page), {@code ?$expand=...}
 * puts each member of a collection in place. Every request but the service root needs HTTP Basic, as on a
 * real BMC.
 */
public final class RedfishMockupHandler implements HttpHandler {

  // Path segments are plain names: nothing can climb out of the mockup root.
  private static final Pattern PATH = Pattern.compile("/([a-z0-9][a-z0-9-]{0,62})(/redfish/v1(?:/[A-Za-z0-9_-]+)*)/?");
  private static final Pattern SKIP = Pattern.compile("\\$skip=(\\d{1,4})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;
  private final byte[] authorization;

  /**
   * @param root     classpath folder holding one folder per simulated server
   * @param username the user name every BMC accepts
   * @param password its password
   */
  public RedfishMockupHandler(String root, String username, String password) {
    this.root = root;
    this.authorization = ("Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
        .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, error("Base.1.0.OperationNotAllowed", "Only GET is simulated"));
        return;
      }
      Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!path.matches()) {
        send(exchange, 404, error("Base.1.0.ResourceMissingAtURI", "No such resource"));
        return;
      }
      String server = path.group(1);
      String resource = path.group(2);
      if (!"/redfish/v1".equals(resource) && !authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Redfish simulator\"");
        send(exchange, 401, error("Base.1.0.NoValidSession", "Authentication required"));
        return;
      }
      String query = exchange.getRequestURI().getQuery();
      Matcher skip = SKIP.matcher(query == null ? "" : query);
      String file = skip.find() ? "index.skip-" + skip.group(1) + ".json" : "index.json";
      byte[] body = read(server + resource + "/" + file);
      if (body == null) {
        send(exchange, 404, error("Base.1.0.ResourceMissingAtURI", "No such resource"));
        return;
      }
      if (query != null && query.contains("$expand")) {
        body = expanded(server, body);
      }
      send(exchange, 200, body);
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null && MessageDigest.isEqual(authorization, given.getBytes(StandardCharsets.UTF_8));
  }

  // One level of expansion: each member link of a collection replaced by the member itself. A body that
  // is not JSON (a planted malformed answer) stays as it is.
  private byte[] expanded(String server, byte[] body) throws IOException {
    JsonNode collection;
    try {
      collection = JSON.readTree(body);
    } catch (IOException e) {
      return body;
    }
    if (!(collection instanceof ObjectNode object) || !(collection.get("Members") instanceof ArrayNode members)) {
      return body;
    }
    ArrayNode inPlace = object.putArray("Members");
    for (JsonNode member : members) {
      byte[] content = read(server + member.path("@odata.id").asText() + "/index.json");
      inPlace.add(content == null ? member : JSON.readTree(content));
    }
    return JSON.writeValueAsBytes(object);
  }

  private byte[] read(String relative) throws IOException {
    if (!relative.matches("[A-Za-z0-9_/.-]+") || relative.contains("..")) {
      return null;
    }
    try (InputStream in = RedfishMockupHandler.class.getClassLoader().getResourceAsStream(root + "/" + relative)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private static byte[] error(String messageId, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", messageId).put("message", message);
    return JSON.writeValueAsBytes(body);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("OData-Version", "4.0");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
