package io.opsdesk;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background pollers (mail out, mail in). Tests switch them off and call them directly. */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "opsdesk.scheduling.enabled", havingValue = "true", matchIfMissing = true)
public class SchedulingConfig {
}
