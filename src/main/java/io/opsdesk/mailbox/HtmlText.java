package io.opsdesk.mailbox;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * HTML mail body to plain text. jsoup parses it as a browser would (broken markup, entities,
 * comments, scripts); the text keeps the line structure: paragraphs and headings stand apart by an
 * empty line, other blocks and {@code <br>} start a new line, list items get a dash, table cells a
 * space, {@code <pre>} keeps its lines, scripts, styles and the head are dropped.
 */
final class HtmlText {

  private static final Set<String> INVISIBLE = Set.of("head", "script", "style", "title", "template", "noscript");
  /** Blocks that start a new line. */
  private static final Set<String> LINE_BLOCKS = Set.of("div", "li", "tr", "thead", "tbody", "tfoot", "dt", "dd",
      "section", "article", "header", "footer", "nav", "aside", "address", "figure", "figcaption", "form", "fieldset",
      "center", "body", "html");
  /** Blocks that stand apart by an empty line. */
  private static final Set<String> PARAGRAPH_BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
      "ol", "dl", "blockquote", "hr", "pre");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
  private static final char PRE_NEWLINE = '\uE000';
  private static final char LINE = '\uE001';
  private static final char PARAGRAPH = '\uE002';

  private HtmlText() {
  }

  static String toText(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    StringBuilder marked = new StringBuilder(html.length());
    Jsoup.parse(html).filter(new Marker(marked));
    String s = lineBreaks(marked.toString().replace(PRE_NEWLINE, '\n'));
    StringBuilder out = new StringBuilder(s.length());
    for (String line : s.split("\n", -1)) {
      out.append(SPACES.matcher(line).replaceAll(" ").strip()).append('\n');
    }
    return BLANK_LINES.matcher(out).replaceAll("\n\n").strip();
  }

  /** Writes the text with block markers, to be turned into line breaks once the whole text is known. */
  private static final class Marker implements NodeFilter {

    private final StringBuilder out;
    private int insidePre;

    Marker(StringBuilder out) {
      this.out = out;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        appendText(text);
      } else if (node instanceof Element element) {
        String tag = element.normalName();
        if (INVISIBLE.contains(tag)) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (isGmailEmptyLine(element)) {
          out.append(PARAGRAPH);
          return FilterResult.SKIP_ENTIRELY;
        }
        if (tag.equals("pre")) {
          insidePre++;
        }
        if (tag.equals("br")) {
          out.append('\n');
        } else if (tag.equals("li")) {
          out.append(LINE).append("- ");
        } else {
          mark(tag);
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("pre")) {
          insidePre--;
        }
        if (tag.equals("td") || tag.equals("th")) {
          out.append(' ');
        } else {
          mark(tag);
        }
      }
      return FilterResult.CONTINUE;
    }

    private void mark(String tag) {
      if (PARAGRAPH_BLOCKS.contains(tag)) {
        out.append(PARAGRAPH);
      } else if (LINE_BLOCKS.contains(tag)) {
        out.append(LINE);
      }
    }

    private void appendText(TextNode text) {
      // Our markers must not come from the mail; source line breaks are mere spaces outside <pre>.
      String value = text.getWholeText().replace(PRE_NEWLINE, ' ').replace(LINE, ' ').replace(PARAGRAPH, ' ')
          .replace("\r\n", "\n").replace('\r', '\n');
      value.codePoints().forEach(c -> {
        if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
          // A lone surrogate (&#xD800;) is no text a database stores.
          out.append('\uFFFD');
        } else if (c == '\n') {
          out.append(insidePre > 0 ? PRE_NEWLINE : ' ');
        } else {
          out.appendCodePoint(c);
        }
      });
    }

    /** Gmail's empty line: a div holding nothing but a line break. */
    private static boolean isGmailEmptyLine(Element element) {
      return element.normalName().equals("div") && element.childrenSize() == 1
          && element.child(0).normalName().equals("br") && element.text().isBlank();
    }
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
}
