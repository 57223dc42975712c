package io.opsdesk.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.nulabinc.zxcvbn.StandardDictionaries;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;

/**
 * OpsDesk's one password policy, for every password anybody sets: through the Admin webapp, the
 * engine REST API, the Java API, and the production administrator's configured password. Camunda
 * applies it when a user is saved ({@code enablePasswordPolicy}); the Admin webapp shows its rules
 * as the user types. Rules without a translation of Camunda's carry their English text as the
 * placeholder, which the webapp then shows as it is.
 */
public final class PasswordRules implements PasswordPolicy {

  public static final int MIN_LENGTH = 12;
  static final int MIN_DISTINCT_CHARACTERS = 5;

  public static final PasswordRules INSTANCE = new PasswordRules();

  private final List<PasswordPolicyRule> rules = List.of(
      new PasswordPolicyLengthRuleImpl(MIN_LENGTH),
      new NotTheUserId(),
      new NotWellKnown(),
      new EnoughDifferentCharacters());

  private PasswordRules() {
  }

  @Override
  public List<PasswordPolicyRule> getRules() {
    return rules;
  }

  /** What is wrong with {@code password} for the user {@code userId}; empty when it is acceptable. */
  public List<String> violations(String userId, String password) {
    if (password == null || password.isEmpty()) {
      return List.of("is empty");
    }
    User user = userId == null ? null : new Subject(userId);
    return rules.stream().filter(rule -> !rule.execute(password, user)).map(PasswordRules::describe).toList();
  }

  /** The whole policy in one sentence, for refusals that cannot tell which rule failed. */
  public String summary() {
    return "needs at least " + MIN_LENGTH + " characters, at least " + MIN_DISTINCT_CHARACTERS
        + " of them different, must not contain the user id and must not be a well-known password";
  }

  private static String describe(PasswordPolicyRule rule) {
    return rule instanceof PasswordPolicyLengthRuleImpl ? "must have at least " + MIN_LENGTH + " characters"
        : rule.getPlaceholder();
  }

  /** Only the id matters to the rules; a stand-in user for checks before the user exists. */
  private record Subject(String id) implements User {
    @Override public String getId() { return id; }
    @Override public void setId(String id) { throw new UnsupportedOperationException(); }
    @Override public String getFirstName() { return null; }
    @Override public void setFirstName(String firstName) { throw new UnsupportedOperationException(); }
    @Override public String getLastName() { return null; }
    @Override public void setLastName(String lastName) { throw new UnsupportedOperationException(); }
    @Override public String getEmail() { return null; }
    @Override public void setEmail(String email) { throw new UnsupportedOperationException(); }
    @Override public String getPassword() { return null; }
    @Override public void setPassword(String string) { throw new UnsupportedOperationException(); }
  }

  private abstract static class Rule implements PasswordPolicyRule {

    @Override
    public Map<String, String> getParameters() {
      return Map.of();
    }

    @Override
    public boolean execute(String candidatePassword) {
      return execute(candidatePassword, null);
    }
  }

  /** Ignoring case; ids of one or two characters would forbid most passwords and give nothing away. */
  private static final class NotTheUserId extends Rule {

    @Override
    public String getPlaceholder() {
      return "must not contain the user id";
    }

    @Override
    public boolean execute(String candidatePassword, User user) {
      if (user == null || user.getId() == null || user.getId().length() < 3) {
        return true;
      }
      return !candidatePassword.toLowerCase(Locale.ROOT).contains(user.getId().toLowerCase(Locale.ROOT));
    }
  }

  /** Not one of the 30,000 most common passwords of zxcvbn's list (which is lower case), ignoring case. */
  private static final class NotWellKnown extends Rule {

    private static final Set<String> COMMON = load();

    private static Set<String> load() {
      try {
        return Set.copyOf(StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary().keySet());
      } catch (IOException e) {
        throw new UncheckedIOException("zxcvbn's password list cannot be read", e);
      }
    }

    @Override
    public String getPlaceholder() {
      return "must not be a well-known password";
    }

    @Override
    public boolean execute(String candidatePassword, User user) {
      return !COMMON.contains(candidatePassword.toLowerCase(Locale.ROOT));
    }
  }

  /** "aaaaaaaaaaaa" and "121212121212" are long but guessed at once. */
  private static final class EnoughDifferentCharacters extends Rule {

    @Override
    public String getPlaceholder() {
      return "must have at least " + MIN_DISTINCT_CHARACTERS + " different characters";
    }

    @Override
    public boolean execute(String candidatePassword, User user) {
      return candidatePassword.codePoints().distinct().limit(MIN_DISTINCT_CHARACTERS).count() >= MIN_DISTINCT_CHARACTERS;
    }
  }
}
