package io.opsdesk.ticket;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What each variable a person submits must look like, for the start of a request and for every
 * task. One place, so that a start through Tasklist, REST or Java and a task completion are judged
 * alike. Each rule answers null when the value is fine, else what is wrong.
 */
public final class InputRules {

  public static final int SHORT_TEXT = 200;
  public static final int LONG_TEXT = 4000;
  /** Camunda keeps a String variable in a 4,000-character column; longer text would fail at commit. */
  public static final int DESCRIPTION = 4000;

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()\\-]{4,38}$");
  private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");

  private static final Map<String, Function<Object, String>> RULES = Map.ofEntries(
      Map.entry("requesterName", text(SHORT_TEXT)),
      Map.entry("requesterEmail", matching(EMAIL, 254, "must be an email address")),
      Map.entry("requesterPhone", matching(PHONE, 40, "must be a phone number (digits, spaces, +, -, parentheses)")),
      Map.entry("requesterId", matching(USER_ID, 64, "must be a user id")),
      Map.entry("assetId", matching(USER_ID, 64, "must be an asset id (letters, digits, . _ @ -)")),
      Map.entry("subject", text(SHORT_TEXT)),
      Map.entry("description", text(DESCRIPTION)),
      Map.entry("location", text(SHORT_TEXT)),
      Map.entry("occurredAt", InputRules::instant),
      Map.entry("channel", oneOf(Vocabulary.CHANNELS)),
      Map.entry("category", oneOf(Vocabulary.CATEGORIES)),
      Map.entry("impact", oneOf(Vocabulary.LEVELS)),
      Map.entry("urgency", oneOf(Vocabulary.LEVELS)),
      Map.entry("contactNote", text(LONG_TEXT)),
      Map.entry("diagnosis", text(LONG_TEXT)),
      Map.entry("rootCause", text(LONG_TEXT)),
      Map.entry("needsConsultation", InputRules::bool),
      Map.entry("opinion", text(LONG_TEXT)),
      Map.entry("solution", text(LONG_TEXT)),
      Map.entry("verified", InputRules::bool),
      Map.entry("verificationNote", text(LONG_TEXT)),
      Map.entry("publishArticle", InputRules::bool),
      Map.entry("articleTitle", text(SHORT_TEXT)),
      Map.entry("articleSymptom", text(LONG_TEXT)),
      Map.entry("articleRootCause", text(LONG_TEXT)),
      Map.entry("articleSolution", text(LONG_TEXT)),
      Map.entry("articleCategory", oneOf(Vocabulary.CATEGORIES)),
      Map.entry("articleKeywords", text(SHORT_TEXT)),
      Map.entry("articlePublic", InputRules::bool),
      Map.entry("satisfied", InputRules::bool),
      Map.entry("satisfactionScore", InputRules::score),
      Map.entry("feedback", text(LONG_TEXT)),
      Map.entry("progressNote", text(LONG_TEXT)),
      Map.entry("progressUpdate", text(LONG_TEXT)),
      Map.entry("expectedResolution", InputRules::instant),
      Map.entry("waitingFor", oneOf(TicketPauses.WAITING_FOR)),
      Map.entry("holdReason", text(LONG_TEXT)),
      Map.entry("resumeNote", text(LONG_TEXT)),
      Map.entry("reclassifyReason", text(LONG_TEXT)),
      Map.entry("restoreReason", text(LONG_TEXT)),
      Map.entry("backupRunId", text(SHORT_TEXT)),
      Map.entry("restoreMode", oneOf(List.of("NEW", "SWITCH_IN"))),
      Map.entry("approved", InputRules::bool),
      Map.entry("approvalReason", text(LONG_TEXT)),
      Map.entry("restoreCorrect", InputRules::bool),
      Map.entry("confirmationNote", text(LONG_TEXT)));

  private InputRules() {
  }

  /** Null when the value is acceptable for the variable (or the variable has no rule). */
  public static String check(String variable, Object value) {
    Function<Object, String> rule = RULES.get(variable);
    return rule == null ? null : rule.apply(value);
  }

  /** Absent, null or only white space: what an empty form field submits. */
  public static boolean isBlank(Object value) {
    return value == null || (value instanceof String s && s.isBlank());
  }

  private static Function<Object, String> text(int maxLength) {
    return value -> {
      if (!(value instanceof String s)) {
        return "must be text";
      }
      return s.length() > maxLength ? "must be at most " + maxLength + " characters" : null;
    };
  }

  private static Function<Object, String> matching(Pattern pattern, int maxLength, String message) {
    return value -> {
      String tooLong = text(maxLength).apply(value);
      if (tooLong != null) {
        return tooLong;
      }
      return pattern.matcher(((String) value).trim()).matches() ? null : message;
    };
  }

  private static Function<Object, String> oneOf(List<String> allowed) {
    return value -> allowed.contains(value) ? null
        : "must be one of " + String.join(", ", allowed) + (value instanceof String s ? " (was '" + s + "')" : "");
  }

  private static String bool(Object value) {
    return value instanceof Boolean ? null : "must be true or false";
  }

  private static String score(Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && n.intValue() >= 1 && n.intValue() <= 5) {
      return null;
    }
    return "must be a whole number from 1 to 5";
  }

  private static String instant(Object value) {
    try {
      Instants.parse(value);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
