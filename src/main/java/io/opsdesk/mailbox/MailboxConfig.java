package io.opsdesk.mailbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Binds {@code opsdesk.mailbox.*} when a mailbox host is configured. */
@Configuration
@Conditional(MailboxConfigured.class)
@EnableConfigurationProperties(MailboxProperties.class)
public class MailboxConfig {
}
