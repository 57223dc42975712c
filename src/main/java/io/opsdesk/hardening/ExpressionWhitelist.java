package io.opsdesk.hardening;

import java.util.regex.Pattern;

/**
 * Which JUEL expressions a task query may carry. Tasklist's own filters use only a handful of
 * harmless functions (its filter dialog offers {@code ${ currentUser() }}, {@code ${ currentUserGroups() }},
 * {@code ${ now() }}, {@code ${ dateTime().plusWeeks(2) }}); everything else is refused, because
 * the engine evaluates query expressions with full access to Spring beans and Java reflection.
 */
final class ExpressionWhitelist {

  private static final String CALL = "\\(\\s*\\)";
  private static final String DOT = "\\s*\\.\\s*";
  /** Joda-Time arithmetic on {@code dateTime()}, with a plain integer argument only. */
  private static final String DATE_STEP = DOT + "(?:(?:plus|minus)(?:Years|Months|Weeks|Days|Hours|Minutes|Seconds)"
      + "\\(\\s*\\d{1,6}\\s*\\)|withTimeAtStartOfDay" + CALL + ")";

  private static final Pattern ALLOWED = Pattern.compile("\\s*\\$\\{\\s*(?:"
      + "currentUser" + CALL
      + "|currentUserGroups" + CALL
      + "|now" + CALL
      + "|dateTime" + CALL + "(?:" + DATE_STEP + ")*(?:" + DOT + "toDate" + CALL + ")?"
      + ")\\s*\\}\\s*");

  private ExpressionWhitelist() {
  }

  /** True when JUEL would treat some part of {@code text} as an expression ({@code ${…}} or {@code #{…}}). */
  static boolean containsExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** True when {@code text} holds no expression, or exactly one whitelisted expression and nothing else. */
  static boolean isAllowed(String text) {
    return !containsExpression(text) || ALLOWED.matcher(text).matches();
  }
}
