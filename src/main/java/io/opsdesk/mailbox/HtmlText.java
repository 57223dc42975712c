package io.opsdesk.mailbox;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML mail body to plain text: drops scripts, styles, comments and tags, keeps line structure
 * (paragraphs, line breaks, list items, table rows) and decodes character references. Good enough
 * for the text of a request; the mail itself is kept in the mailbox.
 */
final class HtmlText {

  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern INVISIBLE = Pattern.compile(
      "<(script|style|head|title|template|noscript)\\b[^>]*>.*?</\\1\\s*>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern PRE = Pattern.compile("<pre\\b[^>]*>(.*?)</pre\\s*>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAK = Pattern.compile("<br\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  /** Gmail's empty line. */
  private static final Pattern EMPTY_DIV = Pattern.compile("<div\\b[^>]*>\\s*<br\\b[^>]*>\\s*</div\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern CELL_END = Pattern.compile("</t[dh]\\s*>", Pattern.CASE_INSENSITIVE);
  /** Blocks that start a new line. */
  private static final Pattern LINE_BLOCK = Pattern.compile(
      "</?(div|li|tr|thead|tbody|tfoot|dt|dd|section|article|header|footer|nav|aside|address|figure|figcaption|"
          + "form|fieldset|center|body|html)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  /** Blocks that stand apart by an empty line. */
  private static final Pattern PARAGRAPH_BLOCK = Pattern.compile(
      "</?(p|h[1-6]|table|ul|ol|dl|blockquote|hr)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  /** A tag: {@code <name ...>}, {@code </name>}, {@code <!...>} or {@code <?...>}; a lone "<" in text stays. */
  private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>|<![^>]*>|<\\?[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
  private static final char PRE_NEWLINE = '\uE000';
  private static final char LINE = '\uE001';
  private static final char PARAGRAPH = '\uE002';

  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ensp", " "), Map.entry("emsp", " "),
      Map.entry("thinsp", " "), Map.entry("shy", ""), Map.entry("zwnj", ""), Map.entry("zwj", ""),
      Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("hellip", "…"),
      Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
      Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("laquo", "«"), Map.entry("raquo", "»"),
      Map.entry("bull", "•"), Map.entry("middot", "·"), Map.entry("euro", "€"), Map.entry("pound", "£"),
      Map.entry("yen", "¥"), Map.entry("cent", "¢"), Map.entry("deg", "°"), Map.entry("plusmn", "±"),
      Map.entry("times", "×"), Map.entry("divide", "÷"), Map.entry("para", "¶"), Map.entry("sect", "§"),
      Map.entry("larr", "←"), Map.entry("rarr", "→"), Map.entry("uarr", "↑"), Map.entry("darr", "↓"),
      Map.entry("auml", "ä"), Map.entry("ouml", "ö"), Map.entry("uuml", "ü"), Map.entry("Auml", "Ä"),
      Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"), Map.entry("szlig", "ß"), Map.entry("eacute", "é"),
      Map.entry("egrave", "è"), Map.entry("agrave", "à"), Map.entry("ccedil", "ç"));

  private HtmlText() {
  }

  static String toText(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    // Markers of our own must not come from the mail.
    String s = html.replace("\r\n", "\n").replace('\r', '\n')
        .replace(PRE_NEWLINE, ' ').replace(LINE, ' ').replace(PARAGRAPH, ' ');
    s = COMMENT.matcher(s).replaceAll(" ");
    s = INVISIBLE.matcher(s).replaceAll(" ");
    // Preformatted text keeps its line breaks through the whitespace folding below.
    s = replace(PRE, s, m -> PARAGRAPH + m.group(1).replace('\n', PRE_NEWLINE) + PARAGRAPH);
    // Source line breaks are mere spaces in HTML.
    s = s.replace('\n', ' ');
    s = EMPTY_DIV.matcher(s).replaceAll(String.valueOf(PARAGRAPH));
    s = LINE_BREAK.matcher(s).replaceAll("\n");
    s = LIST_ITEM.matcher(s).replaceAll(LINE + "- ");
    s = CELL_END.matcher(s).replaceAll(" ");
    s = LINE_BLOCK.matcher(s).replaceAll(String.valueOf(LINE));
    s = PARAGRAPH_BLOCK.matcher(s).replaceAll(String.valueOf(PARAGRAPH));
    s = TAG.matcher(s).replaceAll("");
    s = lineBreaks(s.replace(PRE_NEWLINE, '\n'));
    s = decodeEntities(s);
    StringBuilder out = new StringBuilder(s.length());
    for (String line : s.split("\n", -1)) {
      out.append(SPACES.matcher(line).replaceAll(" ").strip()).append('\n');
    }
    return BLANK_LINES.matcher(out).replaceAll("\n\n").strip();
  }

  /**
   * Each run of white space holding block markers becomes one line break, or an empty line when a
   * paragraph block is among them (or the run has that many explicit breaks).
   */
  private static String lineBreaks(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (!isRun(c)) {
        out.append(c);
        i++;
        continue;
      }
      int j = i;
      boolean marker = false;
      boolean paragraph = false;
      int breaks = 0;
      while (j < n && isRun(s.charAt(j))) {
        char r = s.charAt(j++);
        marker |= r == LINE || r == PARAGRAPH;
        paragraph |= r == PARAGRAPH;
        breaks += r == '\n' ? 1 : 0;
      }
      if (marker) {
        out.append("\n".repeat(Math.min(2, Math.max(breaks, paragraph ? 2 : 1))));
      } else {
        out.append(s, i, j);
      }
      i = j;
    }
    return out.toString();
  }

  private static boolean isRun(char c) {
    return c == LINE || c == PARAGRAPH || c == ' ' || c == '\t' || c == '\n';
  }

  static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    return replace(ENTITY, s, m -> {
      String name = m.group(1);
      if (name.charAt(0) == '#') {
        try {
          int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
              ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
          if (code == 0 || !Character.isValidCodePoint(code) || (code >= 0xD800 && code <= 0xDFFF)) {
            return "\uFFFD";
          }
          return code == 0xA0 ? " " : new String(Character.toChars(code));
        } catch (NumberFormatException e) {
          return m.group();
        }
      }
      String value = NAMED.get(name);
      if (value == null) {
        value = NAMED.get(name.toLowerCase(Locale.ROOT));
      }
      return value != null ? value : m.group();
    });
  }

  private static String replace(Pattern pattern, String s, java.util.function.Function<Matcher, String> replacement) {
    Matcher m = pattern.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
