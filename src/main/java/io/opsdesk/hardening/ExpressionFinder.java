package io.opsdesk.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Finds an expression that is not whitelisted in a query string or a JSON body, and names where it is.
 * Values are looked at as the engine REST API will see them: URL-decoded, JSON-unescaped (so
 * {@code %24%7B} and {@code \u0024{} are caught); every string and field name of the body is
 * inspected, nested {@code orQueries} and duplicate keys included.
 */
final class ExpressionFinder {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

  private ExpressionFinder() {
  }

  /** Where a forbidden expression sits in the query string, or null. */
  static String inQueryString(String queryString) {
    if (queryString == null || queryString.isEmpty()) {
      return null;
    }
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      // Decoded up to three times: a value that is still encoded after Jersey's one decoding is
      // harmless, but nobody sends it honestly, so it is refused rather than argued about.
      for (int round = 0; round < 3; round++) {
        name = decodeForm(name);
        value = decodeForm(value);
        if (!ExpressionWhitelist.isAllowed(name) || !ExpressionWhitelist.isAllowed(value)) {
          return "query parameter " + name;
        }
      }
    }
    return null;
  }

  /** Where a forbidden expression sits in the body, or null. */
  static String inBody(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        String text = token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING ? parser.getText() : null;
        if (!ExpressionWhitelist.isAllowed(text)) {
          return location(parser.getParsingContext());
        }
      }
      return null;
    } catch (IOException notJson) {
      // Whatever the engine makes of a body we cannot parse, it must not carry an expression.
      return ExpressionWhitelist.containsExpression(looseText(body)) ? "request body" : null;
    }
  }

  /** The body as text with JSON unicode escapes and percent-encoding undone, NULs (UTF-16) dropped. */
  private static String looseText(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replace("\0", "");
    Matcher escape = UNICODE_ESCAPE.matcher(text);
    StringBuilder unescaped = new StringBuilder();
    while (escape.find()) {
      char c = (char) Integer.parseInt(escape.group(1), 16);
      escape.appendReplacement(unescaped, Matcher.quoteReplacement(String.valueOf(c)));
    }
    escape.appendTail(unescaped);
    return unescaped + " " + RequestPaths.decode(unescaped.toString());
  }

  private static String decodeForm(String text) {
    return RequestPaths.decode(text.replace('+', ' '));
  }

  /** e.g. {@code orQueries[0].assigneeExpression}. */
  private static String location(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.addFirst("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    path = path.startsWith(".") ? path.substring(1) : path;
    return path.isEmpty() ? "request body" : path;
  }
}
