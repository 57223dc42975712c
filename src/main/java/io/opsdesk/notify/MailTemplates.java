package io.opsdesk.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The mail templates: one plain-text file per notification and language,
 * {@code <language>/<name>.txt} under {@code opsdesk.notify.templates} (default
 * {@code classpath:notify/}); a template missing there is taken from the shipped ones, so edited
 * copies need only the files that changed. The first line is {@code Subject: ...}, the rest is the
 * body. Both are Mustache (JMustache):
 * <ul>
 *   <li>{@code {{name}}} is replaced by the value (nothing when there is none);</li>
 *   <li>{@code {{#name}}...{{/name}}} is kept only when the value is there (not empty, not "false");</li>
 *   <li>{@code {{^name}}...{{/name}}} is kept only when it is not.</li>
 * </ul>
 * A section tag alone on its line takes the line with it. Values are inserted as they are, never
 * interpreted again and never HTML-escaped: the mails are plain text.
 */
@Component
public class MailTemplates {

  /** A mail ready to send. */
  public record Mail(String subject, String body) {
  }

  /** A template read and parsed, ready to render. */
  record Compiled(Template subject, Template body) {

    Mail render(Map<String, String> values) {
      Map<String, Object> context = context(values);
      String subject = this.subject.execute(context).replaceAll("[\\r\\n\\t]+", " ").strip();
      if (subject.length() > MAX_SUBJECT) {
        subject = subject.substring(0, MAX_SUBJECT - 1) + "…";
      }
      return new Mail(subject, body.execute(context).stripTrailing() + "\n");
    }
  }

  static final String SHIPPED = "classpath:notify/";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern SUBJECT = Pattern.compile("(?i)subject:\\s?(.*)");
  private static final int MAX_SUBJECT = 900;
  /**
   * Plain text, so no HTML escaping; a value that is not there renders empty; templates see only
   * the values they are given (the basic collector reads maps, never an object's methods).
   */
  private static final Mustache.Compiler MUSTACHE = Mustache.compiler().escapeHTML(false).defaultValue("")
      .emptyStringIsFalse(true).withCollector(new BasicCollector() {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
          return new ConcurrentHashMap<>(); // compiled templates are shared by threads
        }
      });

  private final ResourceLoader resources;
  private final NotifyProperties properties;
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  public MailTemplates(ResourceLoader resources, NotifyProperties properties) {
    this.resources = resources;
    this.properties = properties;
  }

  /** @throws IllegalArgumentException when there is no such language or template */
  public Mail render(String language, String name, Map<String, String> values) {
    return compiled(language, name).render(values);
  }

  /** @throws IllegalArgumentException when a language lacks the template (a typo in a model) or cannot parse it */
  public void require(String name) {
    for (String language : MailLanguages.SUPPORTED) {
      compiled(language, name);
    }
  }

  /** Parses template text (first line "Subject: ..."). */
  static Compiled compile(String template) {
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
    try {
      return new Compiled(MUSTACHE.compile(subjectLine.group(1)), MUSTACHE.compile(body));
    } catch (MustacheException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** What a template sees: "false" and blank values count as not there, as the sections promise. */
  private static Map<String, Object> context(Map<String, String> values) {
    Map<String, Object> context = new HashMap<>();
    values.forEach((name, value) -> {
      if (value != null) {
        context.put(name, value.isBlank() ? "" : "false".equalsIgnoreCase(value.strip()) ? Boolean.FALSE : value);
      }
    });
    return context;
  }

  private Compiled compiled(String language, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a mail template name: '" + name + "'");
    }
    if (!MailLanguages.SUPPORTED.contains(language)) {
      throw new IllegalArgumentException("Not a mail language: '" + language + "'");
    }
    String path = language + "/" + name + ".txt";
    // Templates in the jar never change; edited copies on disk (file:) are read afresh each time.
    return properties.getTemplates().startsWith("classpath:") ? cache.computeIfAbsent(path, this::load) : load(path);
  }

  private Compiled load(String path) {
    Resource edited = resources.getResource(properties.getTemplates() + path);
    Resource resource = edited.exists() ? edited : resources.getResource(SHIPPED + path);
    if (!resource.exists()) {
      throw new IllegalArgumentException("No mail template " + properties.getTemplates() + path);
    }
    try (InputStream in = resource.getInputStream()) {
      return compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read mail template " + resource, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Mail template " + resource + ": " + e.getMessage(), e);
    }
  }
}
