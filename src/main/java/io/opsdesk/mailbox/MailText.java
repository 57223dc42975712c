package io.opsdesk.mailbox;

import java.util.regex.Pattern;

/** Text helpers of the email intake: bounding, quoted history, sizes. */
final class MailText {

  /** Where the quoted history of a reply starts (the usual mail clients, English and Chinese). */
  private static final Pattern QUOTE_HEADER = Pattern.compile(
      "^\\s*(On\\s.{0,300}\\swrote:|-{2,}\\s*Original Message\\s*-{2,}|-{2,}\\s*原始邮件\\s*-{2,}|_{10,}|"
          + "在\\s?.{0,200}写道[:：]|From:\\s.*\\S.*|发件人[:：].*)\\s*$", Pattern.CASE_INSENSITIVE);

  private MailText() {
  }

  /**
   * At most {@code max} characters: a longer text is cut and ends with {@code note} (which counts
   * towards the maximum). {@code alreadyCut} says the text was cut before (read only in part).
   */
  static String bounded(String text, int max, boolean alreadyCut, String note) {
    if (text.length() <= max && !alreadyCut) {
      return text;
    }
    String suffix = "\n\n" + note;
    int cut = Math.max(0, Math.min(text.length(), max - suffix.length()));
    if (cut > 0 && cut < text.length() && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut).stripTrailing() + suffix;
  }

  /** Short text for one line (subjects, names): control characters out, cut with "…". */
  static String oneLine(String text, int max) {
    if (text == null) {
      return "";
    }
    String s = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll("\\s{2,}", " ").strip();
    if (s.length() <= max) {
      return s;
    }
    int cut = max - 1;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    return s.substring(0, cut) + "…";
  }

  /**
   * The new part of a reply: from the first line that introduces quoted history ("On … wrote:",
   * "-----Original Message-----", an Outlook "From:" block) on, and lines quoted with "&gt;", are
   * left out. If nothing would be left, the text as it was.
   */
  static String withoutQuotedHistory(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\\r?\\n", -1)) {
      if (QUOTE_HEADER.matcher(line).matches()) {
        break;
      }
      if (line.startsWith(">")) {
        continue;
      }
      out.append(line).append('\n');
    }
    String trimmed = out.toString().strip();
    return trimmed.isEmpty() ? text.strip() : trimmed;
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
