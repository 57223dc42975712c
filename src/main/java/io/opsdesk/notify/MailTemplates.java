package io.opsdesk.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The mail templates: one plain-text file per notification, {@code <name>.txt} under
 * {@code opsdesk.notify.templates} (default {@code classpath:notify/}). The first line is
 * {@code Subject: ...}, the rest is the body. Inside both:
 * <ul>
 *   <li>{@code {{name}}} is replaced by the value (nothing when there is none);</li>
 *   <li>{@code {{#name}}...{{/name}}} is kept only when the value is there (not empty, not "false");</li>
 *   <li>{@code {{^name}}...{{/name}}} is kept only when it is not.</li>
 * </ul>
 * A section tag alone on its line takes the line with it. Values are inserted as they are, never
 * interpreted again: the mails are plain text, so nothing needs escaping.
 */
@Component
public class MailTemplates {

  /** A mail ready to send. */
  public record Mail(String subject, String body) {
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern STANDALONE_TAG = Pattern.compile("(?m)^[ \\t]*(\\{\\{[#^/][\\w.-]+}})[ \\t]*\\r?\\n");
  private static final Pattern SECTION = Pattern.compile("\\{\\{([#^])([\\w.-]+)}}(.*?)\\{\\{/\\2}}", Pattern.DOTALL);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([\\w.-]+)\\s*}}");
  private static final Pattern SUBJECT = Pattern.compile("(?i)subject:\\s?(.*)");
  private static final int MAX_SUBJECT = 900;

  private final ResourceLoader resources;
  private final NotifyProperties properties;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public MailTemplates(ResourceLoader resources, NotifyProperties properties) {
    this.resources = resources;
    this.properties = properties;
  }

  /** @throws IllegalArgumentException when there is no template of that name */
  public Mail render(String name, Map<String, String> values) {
    return renderText(source(name), values);
  }

  /** @throws IllegalArgumentException when there is no template of that name (a typo in a model) */
  public void require(String name) {
    source(name);
  }

  /** Renders template text (first line "Subject: ..."). */
  static Mail renderText(String template, Map<String, String> values) {
    String text = template.replace("\r\n", "\n");
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    Matcher subjectLine = SUBJECT.matcher(first.strip());
    if (!subjectLine.matches()) {
      throw new IllegalArgumentException("A mail template starts with a line 'Subject: ...'");
    }
    String body = end < 0 ? "" : text.substring(end + 1);
    if (body.startsWith("\n")) {
      body = body.substring(1); // the blank line after the subject
    }
    String subject = fill(subjectLine.group(1), values).replaceAll("[\\r\\n\\t]+", " ").strip();
    if (subject.length() > MAX_SUBJECT) {
      subject = subject.substring(0, MAX_SUBJECT - 1) + "…";
    }
    return new Mail(subject, fill(body, values).stripTrailing() + "\n");
  }

  private static String fill(String template, Map<String, String> values) {
    String text = STANDALONE_TAG.matcher(template).replaceAll("$1");
    // Sections first, on the template's own text only; values are inserted afterwards in one pass.
    String previous;
    do {
      previous = text;
      text = SECTION.matcher(text).replaceAll(m -> {
        boolean present = present(values.get(m.group(2)));
        boolean keep = m.group(1).equals("#") == present;
        return Matcher.quoteReplacement(keep ? m.group(3) : "");
      });
    } while (!text.equals(previous));
    return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank() && !"false".equalsIgnoreCase(value.strip());
  }

  private String source(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a mail template name: '" + name + "'");
    }
    // Templates in the jar never change; edited copies on disk (file:) are read afresh each time.
    return properties.getTemplates().startsWith("classpath:") ? cache.computeIfAbsent(name, this::load) : load(name);
  }

  private String load(String name) {
    Resource resource = resource(name);
    if (!resource.exists()) {
      throw new IllegalArgumentException("No mail template '" + name + "' (" + properties.getTemplates() + name + ".txt)");
    }
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read mail template '" + name + "'", e);
    }
  }

  private Resource resource(String name) {
    return resources.getResource(properties.getTemplates() + name + ".txt");
  }
}
