package io.opsdesk.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.opsdesk.hardening.CachedBodyRequest;
import io.opsdesk.identity.LoginThrottle;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The HTTP side of {@link LoginThrottle}. Every request to the APIs runs as its client (the remote
 * address the container reports: X-Forwarded-For counts only where {@code server.forward-headers-strategy}
 * is set for a trusted proxy), so each password check it causes is throttled for that client. A login
 * the client must still wait for (HTTP Basic on /api and /engine-rest, the webapps' login form) is
 * answered {@code 429} with {@code Retry-After} at once, without looking at the password.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  /** The webapps' login: {@code POST /api/admin/auth/user/{engine}/login/{app}} under the webapp path. */
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/api/admin/auth/user/[^/]+/login/[^/]+/?");

  private final LoginThrottle throttle;
  private final String webappPath;

  LoginThrottleFilter(LoginThrottle throttle, String webappPath) {
    this.throttle = throttle;
    this.webappPath = webappPath;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest forward = request;
    String userId = basicUser(request);
    if (userId == null && isWebappLogin(request)) {
      // Bounded: RequestSizeLimit has capped the body before this filter runs.
      byte[] body = request.getInputStream().readAllBytes();
      forward = new CachedBodyRequest(request, body);
      userId = formField(new String(body, StandardCharsets.UTF_8), "username");
    }
    String client = LoginThrottle.client(request.getRemoteAddr());
    if (userId != null) {
      Duration wait = throttle.waitFor(client, userId);
      if (!wait.isZero()) {
        tooEarly(response, wait);
        return;
      }
    }
    try (LoginThrottle.Binding ignored = throttle.bind(client)) {
      chain.doFilter(forward, response);
    }
  }

  private static void tooEarly(HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(seconds));
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"type\":\"TooManyLoginAttempts\",\"message\":\"Too many wrong passwords "
        + "for this user from your address: try again in " + seconds + " s\"}").getBytes(StandardCharsets.UTF_8));
  }

  private boolean isWebappLogin(HttpServletRequest request) {
    String path = (request.getServletPath() == null ? "" : request.getServletPath())
        + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return "POST".equalsIgnoreCase(request.getMethod()) && path.startsWith(webappPath)
        && WEBAPP_LOGIN.matcher(path.substring(webappPath.length())).matches();
  }

  /** The user id of HTTP Basic credentials, or null. */
  static String basicUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = credentials.indexOf(':');
      return colon < 0 ? null : credentials.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One field of a form-encoded body, or null. */
  static String formField(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      try {
        if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
          return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}
