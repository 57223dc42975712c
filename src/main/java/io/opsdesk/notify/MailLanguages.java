package io.opsdesk.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * The languages OpsDesk writes mails in, and each person's choice among them: the Camunda user info
 * {@value #USER_INFO} of their user, else {@code opsdesk.notify.default-language}. People without a
 * Camunda user (a caller known only by phone or mail) get the default.
 */
@Component
public class MailLanguages {

  /** The user info key (IdentityService#setUserInfo) that holds a user's language. */
  public static final String USER_INFO = "locale";
  /** Language tags with a full set of templates; the first is the default's default. */
  public static final List<String> SUPPORTED = List.of("zh-CN", "en");

  private final IdentityService identity;
  private final NotifyProperties properties;

  public MailLanguages(IdentityService identity, NotifyProperties properties) {
    this.identity = identity;
    this.properties = properties;
  }

  /** The supported tag {@code requested} names, in any letter case; empty for anything else. */
  public static Optional<String> supported(Object requested) {
    if (!(requested instanceof String tag)) {
      return Optional.empty();
    }
    return SUPPORTED.stream().filter(language -> language.equalsIgnoreCase(tag.strip())).findFirst();
  }

  public String defaultLanguage() {
    return properties.getDefaultLanguage();
  }

  /** What the user chose, if they chose a language that is still supported. */
  public Optional<String> chosenBy(String userId) {
    return userId == null ? Optional.empty() : supported(identity.getUserInfo(userId, USER_INFO));
  }

  /** The language to write to this user in; the default for null (no Camunda user). */
  public String of(String userId) {
    return chosenBy(userId).orElse(defaultLanguage());
  }

  /** @throws InvalidInputException naming {@code language} for anything but a supported tag */
  public void choose(String userId, Object language) {
    String tag = supported(language)
        .orElseThrow(() -> new InvalidInputException("Language refused", Map.of("language", unsupported(language))));
    identity.setUserInfo(userId, USER_INFO, tag);
  }

  static String unsupported(Object language) {
    String shown = language instanceof String s && s.length() <= 20 ? " (was '" + s + "')" : "";
    return "must be one of " + String.join(", ", SUPPORTED) + shown;
  }
}
