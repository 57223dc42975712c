package io.opsdesk.webapps;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Chinese locale files against the English ones the Camunda webjar ships (read from the test
 * classpath, so a webjar upgrade that adds labels fails here until a translator adds them): every
 * English label has a Chinese one, nothing more, and each keeps what the webapps fill in or render
 * (interpolations such as {@code {{name}}}, HTML tags such as links).
 */
class WebappLocalesTest {

  private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
  /** Angular-translate interpolations ({@code {{ name }}}) and the pluralisation slot {@code {}}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}|\\{}");
  /** The HTML elements the English labels use; {@code <null>} and the like are text, not markup. */
  private static final Pattern MARKUP = Pattern.compile("<(/?)(a|b|br|code|em|i|p|span|strong)\\b([^>]*)>",
      Pattern.CASE_INSENSITIVE);
  /** English plural suffixes ("instance" + "s"): Chinese has none, so their translation may be empty. */
  private static final Set<String> PLURAL_SUFFIXES = Set.of("s");

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyEnglishLabelHasAChineseOne(String app) throws IOException {
    URL englishFile = resource(app, "en");
    assertThat(englishFile.toString()).as("English labels come from the vendor's webjar")
        .contains("camunda-webapp-webjar");
    JsonNode english = read(englishFile);
    JsonNode chinese = read(resource(app, "zh"));

    Map<String, String> englishLabels = labels(english);
    Map<String, String> chineseLabels = labels(chinese);
    assertThat(englishLabels).as(app + " English labels").hasSizeGreaterThan(100);

    List<String> missing = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    englishLabels.forEach((key, text) -> {
      String translation = chineseLabels.get(key);
      if (translation == null) {
        missing.add(key);
      } else {
        if (translation.isBlank() && !text.isBlank() && !PLURAL_SUFFIXES.contains(text)) {
          broken.add(key + ": empty");
        }
        if (!all(PLACEHOLDER, text).equals(all(PLACEHOLDER, translation))) {
          broken.add(key + ": placeholders " + all(PLACEHOLDER, text) + " became " + all(PLACEHOLDER, translation));
        }
        if (!markup(text).equals(markup(translation))) {
          broken.add(key + ": markup " + markup(text) + " became " + markup(translation));
        }
      }
    });
    // All three lists at once: a translator fixes them in one go.
    SoftAssertions.assertSoftly(softly -> {
      softly.assertThat(missing).as(app + ": English labels without a Chinese one in zh.json").isEmpty();
      softly.assertThat(broken).as(app + ": Chinese labels that lose what the webapp fills in or renders").isEmpty();
      softly.assertThat(chineseLabels.keySet().stream().filter(key -> !englishLabels.containsKey(key)).toList())
          .as(app + ": zh.json labels the webapp does not have (misspelt keys?)").isEmpty();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void datesHaveAChineseCalendar(String app) throws IOException {
    JsonNode english = read(resource(app, "en")).path("dateLocales");
    JsonNode chinese = read(resource(app, "zh")).path("dateLocales");

    // moment.js takes what is missing from its own English defaults: every part must be there.
    assertThat(fieldNames(chinese)).as(app + " dateLocales parts").containsAll(fieldNames(english));
    for (String part : List.of("calendar", "longDateFormat", "relativeTime")) {
      assertThat(fieldNames(chinese.path(part))).as(app + " dateLocales." + part)
          .containsAll(fieldNames(english.path(part)));
    }
    assertThat(chinese.path("months")).hasSize(12);
    assertThat(chinese.path("monthsShort")).hasSize(12);
    assertThat(chinese.path("weekdays")).hasSize(7);
    assertThat(chinese.path("weekdaysShort")).hasSize(7);
    assertThat(chinese.path("weekdaysMin")).hasSize(7);
    // The webapps' dateFormat uses LLL and LL: the year first, as Chinese dates are written.
    assertThat(chinese.path("longDateFormat").path("LLL").asText()).startsWith("YYYY");
    assertThat(chinese.path("longDateFormat").path("LL").asText()).startsWith("YYYY");
  }

  private static URL resource(String app, String language) {
    String path = LOCALES.formatted(app, language);
    URL url = WebappLocalesTest.class.getClassLoader().getResource(path);
    assertThat(url).as(path + " on the classpath").isNotNull();
    return url;
  }

  private JsonNode read(URL url) throws IOException {
    // Jackson skips the UTF-8 byte order mark the vendor's files start with.
    try (InputStream in = url.openStream()) {
      return json.readTree(in);
    }
  }

  private static Map<String, String> labels(JsonNode file) {
    JsonNode labels = file.path("labels");
    assertThat(labels.isObject()).as("a \"labels\" object").isTrue();
    Map<String, String> map = new TreeMap<>();
    labels.fields().forEachRemaining(entry -> {
      assertThat(entry.getValue().isTextual()).as("label " + entry.getKey() + " is text").isTrue();
      map.put(entry.getKey(), entry.getValue().asText());
    });
    return map;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** The matches, whitespace inside removed and sorted, so that word order may change. */
  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group().replaceAll("\\s+", ""));
    }
    found.sort(null);
    return found;
  }

  /** The tags with their attributes ({@code a href="..."}, {@code /a}), sorted, so that word order may change. */
  private static List<String> markup(String text) {
    List<String> tags = new ArrayList<>();
    Matcher matcher = MARKUP.matcher(text);
    while (matcher.find()) {
      tags.add(matcher.group(1) + matcher.group(2).toLowerCase() + matcher.group(3));
    }
    tags.sort(null);
    return tags;
  }
}
