package io.opsdesk.notify;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Mail notifications: outbox ({@link Notifications}), sender ({@link NotificationSender}), health ({@link MailHealth}). */
@Configuration
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyConfig {

  static {
    // Jakarta Mail looks up its stream provider for every encoded word and body part it writes or reads,
    // through a ServiceLoader scan of every jar in the application jar unless this property names it:
    // 6% of all CPU under intake load (docs/performance.md, "Where the time goes"). Mail intake shares it.
    System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
  }
}
