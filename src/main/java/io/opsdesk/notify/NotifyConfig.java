package io.opsdesk.notify;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Mail notifications: outbox ({@link Notifications}), sender ({@link NotificationSender}), health ({@link MailHealth}). */
@Configuration
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyConfig {
}
