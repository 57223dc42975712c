package io.opsdesk.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What people see for the contract's stored values (URGENT is "紧急" to a Chinese reader, "Urgent"
 * to an English one): one place for every screen and mail that shows them. The names are in
 * {@code vocabulary-labels_<language>.properties} next to this class (keys
 * {@code <variable>.<value>}, UTF-8), so a translator edits them without touching code.
 */
public final class VocabularyLabels {

  /** The variables whose values have display names. */
  public static final List<String> VARIABLES = List.of("category", "channel", "impact", "urgency", "priority", "status",
      "closeReason");

  private static final Map<String, Properties> BY_LANGUAGE = new ConcurrentHashMap<>();

  private VocabularyLabels() {
  }

  /**
   * The display name of {@code value} of {@code variable} in {@code language} (a tag such as
   * {@code zh-CN}); the value itself when it has none, so an unexpected value still shows.
   *
   * @throws IllegalArgumentException when there are no names for that language
   */
  public static String label(String language, String variable, String value) {
    return names(language).getProperty(variable + "." + value, value);
  }

  /**
   * The name in both languages, Chinese first ("紧急 Urgent"), as forms and Tasklist's task cards
   * show values to a team that reads either.
   */
  public static String bilingual(String variable, String value) {
    return label("zh-CN", variable, value) + " " + label("en", variable, value);
  }

  private static Properties names(String language) {
    return BY_LANGUAGE.computeIfAbsent(language, VocabularyLabels::load);
  }

  private static Properties load(String language) {
    String file = "vocabulary-labels_" + language.replace('-', '_') + ".properties";
    try (InputStream in = language.matches("[a-z]{2}(-[A-Z]{2})?") ? VocabularyLabels.class.getResourceAsStream(file) : null) {
      if (in == null) {
        throw new IllegalArgumentException("No display names for language '" + language + "'");
      }
      Properties names = new Properties();
      names.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return names;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }
}
