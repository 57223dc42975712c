package io.opsdesk.hardening;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Raw HTTP against the running application, as a browser or script would send it: paths and bodies
 * go out exactly as written (no client-side normalization or JSON re-encoding). Three kinds of caller:
 * anonymous, HTTP Basic (engine REST API), and a webapp session (login form, session cookie, XSRF token).
 * Cookies are kept by hand, because the postgres profile marks them Secure and the tests speak plain
 * HTTP to localhost.
 */
public final class Http {

  private final String base;
  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String authorization;
  private String xsrfToken;
  private boolean sendsXsrfToken = true;

  private Http(String base) {
    this.base = base;
  }

  public static Http anonymous(String base) {
    return new Http(base);
  }

  public static Http basic(String base, String user, String password) {
    Http http = new Http(base);
    http.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return http;
  }

  /**
   * Logs in to Tasklist as the webapps do; fails unless the login is accepted. The webapps' CSRF
   * filter wants a token even for the login, and the login starts a new session with a new token:
   * so fetch a token, log in with it, then fetch the new session's token.
   */
  public static Http session(String base, String user, String password) {
    return session(base, user, password, "tasklist");
  }

  /** As {@link #session(String, String, String)}, logging in to the webapp {@code app} (cockpit, tasklist, admin). */
  public static Http session(String base, String user, String password, String app) {
    Http http = new Http(base);
    http.send("GET", "/camunda/api/admin/auth/user/default", null, null);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> login = http.send("POST", "/camunda/api/admin/auth/user/default/login/" + app, form,
        "application/x-www-form-urlencoded");
    if (login.statusCode() != 200) {
      throw new AssertionError("Login of " + user + " failed: " + login.statusCode() + " " + login.body());
    }
    http.xsrfToken = null;
    http.send("GET", "/camunda/api/admin/auth/user/default", null, null);
    if (http.xsrfToken == null) {
      throw new AssertionError("The session handed out no XSRF token");
    }
    return http;
  }

  /** The same session, sending no XSRF token (as a page of another site would). */
  public Http withoutXsrfToken() {
    Http http = new Http(base);
    http.cookies.putAll(cookies);
    http.authorization = authorization;
    http.sendsXsrfToken = false;
    return http;
  }

  /** The cookies this caller holds, by name. */
  public Map<String, String> cookies() {
    return Map.copyOf(cookies);
  }

  public HttpResponse<String> send(String method, String path, String json) {
    return send(method, path, json, "application/json");
  }

  private HttpResponse<String> send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (xsrfToken != null && sendsXsrfToken) {
      request.header("X-XSRF-TOKEN", xsrfToken);
    }
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      rememberCookies(response);
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void rememberCookies(HttpResponse<String> response) {
    for (String setCookie : response.headers().allValues("Set-Cookie")) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    response.headers().firstValue("X-XSRF-TOKEN").filter(token -> !token.equals("Required"))
        .ifPresent(token -> xsrfToken = token);
    if (cookies.containsKey("XSRF-TOKEN")) {
      xsrfToken = cookies.get("XSRF-TOKEN");
    }
  }
}
