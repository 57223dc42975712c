package io.opsdesk.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A client of the running application that the server tells apart from others by its address:
 * plain HTTP/1.0 over a socket bound to a loopback address of its own (127.0.0.2, 127.0.0.3, …;
 * Linux answers the whole 127.0.0.0/8 on the loopback interface). Java 17's HttpClient cannot choose
 * its local address, and the login throttle keys on exactly that. Keeps cookies and the webapps'
 * XSRF token, sends HTTP Basic when given credentials.
 */
final class LoopbackClient {

  private final String localAddress;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final Map<String, String> extraHeaders = new LinkedHashMap<>();
  private String authorization;
  private String xsrfToken;

  private LoopbackClient(String localAddress, int port) {
    this.localAddress = localAddress;
    this.port = port;
  }

  /** A client at {@code localAddress} (a 127.x.y.z address) talking to the application on {@code port}. */
  static LoopbackClient at(String localAddress, int port) {
    return new LoopbackClient(localAddress, port);
  }

  /** The same client (address) sending HTTP Basic credentials. */
  LoopbackClient basic(String user, String password) {
    LoopbackClient client = new LoopbackClient(localAddress, port);
    client.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return client;
  }

  /** Sends {@code name: value} with every request (e.g. a forged X-Forwarded-For). */
  LoopbackClient header(String name, String value) {
    extraHeaders.put(name, value);
    return this;
  }

  /**
   * Logs in to the webapps as a browser does (token first, login form, new session's token) and
   * answers the login's response, whatever it is.
   */
  Response webappLogin(String user, String password) {
    xsrfToken = null;
    send("GET", "/camunda/api/admin/auth/user/default", null, null);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    Response login = send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", form,
        "application/x-www-form-urlencoded");
    if (login.status() == 200) {
      send("GET", "/camunda/api/admin/auth/user/default", null, null);
    }
    return login;
  }

  Response json(String method, String path, String json) {
    return send(method, path, json, json == null ? null : "application/json");
  }

  Response send(String method, String path, String body, String contentType) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Accept: application/json\r\n");
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n")
          .append("Content-Length: ").append(content.length).append("\r\n");
    }
    if (authorization != null) {
      head.append("Authorization: ").append(authorization).append("\r\n");
    }
    if (xsrfToken != null) {
      head.append("X-XSRF-TOKEN: ").append(xsrfToken).append("\r\n");
    }
    if (!cookies.isEmpty()) {
      head.append("Cookie: ").append(cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; "))).append("\r\n");
    }
    extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      Response response = parse(socket.getInputStream());
      remember(response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** HTTP/1.0: the server closes the connection after the response, so the body runs to the end. */
  private static Response parse(InputStream in) throws IOException {
    String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end < 0 ? raw.length() : end).split("\r\n");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, end < 0 ? "" : raw.substring(end + 4));
  }

  private void remember(Response response) {
    for (String setCookie : response.headers().getOrDefault("set-cookie", List.of())) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    response.header("X-XSRF-TOKEN").filter(token -> !token.equals("Required")).ifPresent(token -> xsrfToken = token);
  }

  record Response(int status, Map<String, List<String>> headers, String body) {

    Optional<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
