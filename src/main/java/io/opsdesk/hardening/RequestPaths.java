package io.opsdesk.hardening;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The paths a request may be routed by. Jersey decodes the raw URI itself and ignores matrix
 * parameters, so matching on the raw URI alone could be dodged with {@code %74ask}, {@code task;x=1}
 * or {@code //task}; the guards therefore match on a normalized copy and on the container's own
 * decoded servlet path.
 */
final class RequestPaths {

  private RequestPaths() {
  }

  static List<String> of(HttpServletRequest request) {
    String raw = request.getRequestURI();
    String context = request.getContextPath();
    if (context != null && !context.isEmpty() && raw.startsWith(context)) {
      raw = raw.substring(context.length());
    }
    String servlet = (request.getServletPath() == null ? "" : request.getServletPath())
        + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return List.of(normalize(raw), normalize(servlet));
  }

  static String normalize(String path) {
    String p = path == null ? "" : path;
    for (int round = 0; round < 3 && p.contains("%"); round++) {
      p = decode(p);
    }
    p = p.replaceAll(";[^/]*", "").replace('\\', '/');
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : p.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments);
  }

  /** Percent-decoding as a path knows it: '+' stays '+'. */
  static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  /** Normalized configured prefix: leading slash, no trailing slash ("" for the root). */
  static String prefix(String configured) {
    String p = normalize(configured);
    return p.equals("/") ? "" : p;
  }
}
