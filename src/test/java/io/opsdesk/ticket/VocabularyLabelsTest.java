package io.opsdesk.ticket;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.opsdesk.notify.MailLanguages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The display names of the contract's values: complete in every language, and the contract's Chinese names. */
class VocabularyLabelsTest {

  /** Every stored value of each labelled variable, from the contract. */
  private static final Map<String, List<String>> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put("category", Vocabulary.CATEGORIES);
    VALUES.put("channel", Vocabulary.CHANNELS);
    VALUES.put("impact", Vocabulary.LEVELS);
    VALUES.put("urgency", Vocabulary.LEVELS);
    VALUES.put("priority", Vocabulary.PRIORITIES);
    VALUES.put("status", Arrays.stream(TicketStatus.values()).map(Enum::name).toList());
    VALUES.put("closeReason", List.of("CONFIRMED", "AUTO_CLOSED"));
  }

  @Test
  void everyValueHasANameInEveryLanguageAndNothingElseDoes() throws IOException {
    assertThat(VocabularyLabels.VARIABLES).containsExactlyElementsOf(VALUES.keySet());
    Set<String> keys = new TreeSet<>();
    VALUES.forEach((variable, values) -> values.forEach(value -> keys.add(variable + "." + value)));
    for (String language : MailLanguages.SUPPORTED) {
      Properties names = file(language);
      assertThat(names.stringPropertyNames()).as(language).isEqualTo(keys);
      assertThat(names.values()).as(language).allSatisfy(name -> assertThat(name.toString()).isNotBlank());
    }
  }

  @ParameterizedTest
  @CsvSource({"priority,URGENT,紧急", "priority,IMPORTANT,重要", "priority,GENERAL,一般", "priority,MINOR,轻微",
      "category,HARDWARE,硬件", "category,SOFTWARE,软件", "category,NETWORK,网络", "category,DATA,数据",
      "category,SECURITY,安全", "category,OTHER,其他", "channel,PHONE,电话", "channel,EMAIL,邮件", "channel,WEB,网页",
      "channel,MONITORING,监控"})
  void chineseNamesAreTheContracts(String variable, String value, String name) {
    assertThat(VocabularyLabels.label("zh-CN", variable, value)).isEqualTo(name);
  }

  @Test
  void anUnknownValueShowsAsItIsAndAnUnknownLanguageIsRefused() {
    assertThat(VocabularyLabels.label("en", "priority", "IMPORTANT")).isEqualTo("Important");
    assertThat(VocabularyLabels.label("en", "priority", "SOMEDAY")).isEqualTo("SOMEDAY");
    assertThatThrownBy(() -> VocabularyLabels.label("fr", "priority", "URGENT")).hasMessageContaining("fr");
    assertThatThrownBy(() -> VocabularyLabels.label("../x", "priority", "URGENT")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Properties file(String language) throws IOException {
    String name = "vocabulary-labels_" + language.replace('-', '_') + ".properties";
    try (Reader in = new InputStreamReader(VocabularyLabels.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
      Properties names = new Properties();
      names.load(in);
      return names;
    }
  }
}
