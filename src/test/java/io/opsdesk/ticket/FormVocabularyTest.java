package io.opsdesk.ticket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camunda 7 Forms have no translation mechanism, so each option is labelled in both languages:
 * "紧急 Urgent". The forms, the display names ({@link VocabularyLabels}) and the stored values
 * ({@link Vocabulary}) must agree: a renamed value or display name fails here, not in Tasklist.
 */
class FormVocabularyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, List<String>> VALUES = Map.of(
      "category", Vocabulary.CATEGORIES,
      "channel", Vocabulary.CHANNELS,
      "impact", Vocabulary.LEVELS,
      "urgency", Vocabulary.LEVELS,
      "priority", Vocabulary.PRIORITIES);

  /** The variables whose yes/no decides the route: an explicit, required choice. */
  private static final List<String> DECISIONS = List.of("verified", "satisfied");

  static Stream<Path> forms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      return files.filter(path -> path.toString().endsWith(".form")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void vocabularyOptionsAreTheContractsValuesWithBothNames(Path form) throws IOException {
    for (JsonNode field : fields(form)) {
      String key = field.path("key").asText();
      if (!VALUES.containsKey(key)) {
        continue;
      }
      assertThat(field.path("type").asText()).as("%s %s", form, key).isIn("select", "radio");
      List<String> values = new ArrayList<>();
      for (JsonNode option : field.path("values")) {
        String value = option.path("value").asText();
        values.add(value);
        assertThat(option.path("label").asText()).as("%s %s %s", form, key, value)
            .isEqualTo(VocabularyLabels.bilingual(key, value));
      }
      assertThat(values).as("%s %s", form, key).containsExactlyElementsOf(VALUES.get(key));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void everyTextIsInChineseAndEnglish(Path form) throws IOException {
    for (JsonNode field : fields(form)) {
      for (String property : List.of("label", "description", "text", "dateLabel", "timeLabel")) {
        if (field.hasNonNull(property)) {
          assertThat(field.get(property).asText()).as("%s %s %s", form, field.path("id").asText(), property)
              .containsPattern("\\p{IsHan}").containsPattern("[A-Za-z]{2,}");
        }
      }
    }
  }

  @Test
  void routeDecidingYesNoIsARequiredChoiceOfBooleans() throws IOException {
    int found = 0;
    for (Path form : forms().toList()) {
      for (JsonNode field : fields(form)) {
        if (DECISIONS.contains(field.path("key").asText())) {
          found++;
          assertThat(field.path("type").asText()).as("%s", form).isEqualTo("radio");
          assertThat(field.path("validate").path("required").asBoolean()).as("%s required", form).isTrue();
          assertThat(field.path("values")).extracting(option -> option.path("value").isBoolean()).containsOnly(true);
          assertThat(field.path("values")).extracting(option -> option.path("value").asBoolean())
              .containsExactly(true, false);
        }
      }
    }
    assertThat(found).as("verify and confirm ask for a decision").isEqualTo(DECISIONS.size());
  }

  private static List<JsonNode> fields(Path form) throws IOException {
    List<JsonNode> fields = new ArrayList<>();
    collect(JSON.readTree(form.toFile()).path("components"), fields);
    return fields;
  }

  private static void collect(JsonNode components, List<JsonNode> fields) {
    for (JsonNode component : components) {
      fields.add(component);
      collect(component.path("components"), fields);
    }
  }
}
