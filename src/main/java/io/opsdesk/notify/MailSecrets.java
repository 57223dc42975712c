package io.opsdesk.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Keeps the mail password out of what OpsDesk writes down: error texts bound for the journal, the
 * log and /actuator/health pass through {@link #redact(String)} first.
 */
@Component
public class MailSecrets {

  static final String MASK = "********";
  private static final int MAX_DESCRIPTION = 500;

  private final Environment environment;
  private final ObjectProvider<JavaMailSender> mailSender;

  public MailSecrets(Environment environment, ObjectProvider<JavaMailSender> mailSender) {
    this.environment = environment;
    this.mailSender = mailSender;
  }

  public String redact(String text) {
    return redact(text, secrets());
  }

  /** A failure as one line: the messages of the exception and its causes, redacted and bounded. */
  public String describe(Throwable failure) {
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable t = failure; t != null && messages.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      messages.add(message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip());
    }
    List<String> distinct = new ArrayList<>();
    for (String message : messages) {
      if (distinct.stream().noneMatch(earlier -> earlier.contains(message))) {
        distinct.add(message);
      }
    }
    String text = redact(String.join(": ", distinct).replaceAll("\\s+", " "));
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
  }

  static String redact(String text, Set<String> secrets) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  private Set<String> secrets() {
    Set<String> secrets = new LinkedHashSet<>();
    secrets.add(environment.getProperty("spring.mail.password"));
    if (mailSender.getIfAvailable() instanceof JavaMailSenderImpl impl) {
      secrets.add(impl.getPassword());
    }
    secrets.remove(null);
    secrets.remove("");
    return secrets;
  }
}
