package io.opsdesk.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one password policy, rule by rule. */
class PasswordRulesTest {

  private final PasswordRules rules = PasswordRules.INSTANCE;

  @Test
  void shortPasswordsAreRefused() {
    assertThat(rules.violations("someone", "a")).contains("must have at least 12 characters");
    assertThat(rules.violations("someone", "Xq7-v9Lm-2k")).containsExactly("must have at least 12 characters");
    assertThat(rules.violations("someone", "")).containsExactly("is empty");
    assertThat(rules.violations("someone", null)).containsExactly("is empty");
  }

  @Test
  void theUserIdMayNotBeInIt() {
    assertThat(rules.violations("jdoe", "my-jdoe-secret-42")).containsExactly("must not contain the user id");
    assertThat(rules.violations("jdoe", "My-JDoe-Secret-42")).containsExactly("must not contain the user id");
    // Ids of one or two characters are left alone: they would forbid most passwords.
    assertThat(rules.violations("jd", "Vq7-long-enough-secret")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Password1234", "password1234", "QWERTYUIOP123", "1qaz2wsx3edc", "123qweasdzxc"})
  void wellKnownPasswordsAreRefusedWhateverTheirCase(String password) {
    assertThat(rules.violations("someone", password)).contains("must not be a well-known password");
  }

  @Test
  void longRepetitionsAreRefused() {
    assertThat(rules.violations("someone", "aaaaaaaaaaaaaaaa")).containsExactly("must have at least 5 different characters");
    assertThat(rules.violations("someone", "abababababababab")).containsExactly("must have at least 5 different characters");
  }

  @Test
  void aStrongPasswordPasses() {
    assertThat(rules.violations("someone", "Vq7-long-enough-secret")).isEmpty();
    assertThat(rules.violations(null, "correct horse battery staple")).isEmpty();
  }

  @Test
  void camundaSeesTheSameRules() {
    // Camunda evaluates getRules() itself; the Admin webapp lists their placeholders.
    assertThat(rules.getRules()).hasSize(4);
    assertThat(rules.getRules()).allSatisfy(rule -> assertThat(rule.execute("Vq7-long-enough-secret")).isTrue());
    assertThat(rules.getRules().stream().filter(rule -> !rule.execute("password1234"))).hasSize(1);
  }
}
