package io.opsdesk.notify;

import java.time.Instant;
import java.util.Map;

import jakarta.mail.MessagingException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The "mail" detail of /actuator/health, in place of Spring Boot's own mail indicator (this bean's
 * name switches that one off): the built-in one reports an unreachable mail server as DOWN, which
 * makes the whole application DOWN although mails merely wait in the outbox. Here an unreachable
 * server is {@link #UNREACHABLE}, a status the health aggregation does not rank, so the application
 * stays UP while the detail shows the problem and the outbox's counts. The server is looked at no
 * more often than every {@code opsdesk.notify.health-cache-time}.
 */
@Component("mailHealthIndicator")
public class MailHealth implements HealthIndicator {

  public static final Status UNREACHABLE = new Status("UNREACHABLE", "The mail server does not answer; mails wait in the outbox");
  public static final Status NOT_CONFIGURED = new Status("NOT_CONFIGURED", "No mail server configured (spring.mail.host)");

  private final ObjectProvider<JavaMailSender> mailSender;
  private final Outbox outbox;
  private final NotifyProperties properties;
  private final MailSecrets secrets;

  private record Look(String location, Instant at, Health health) {
  }

  private volatile Look last;

  public MailHealth(ObjectProvider<JavaMailSender> mailSender, Outbox outbox, NotifyProperties properties, MailSecrets secrets) {
    this.mailSender = mailSender;
    this.outbox = outbox;
    this.properties = properties;
    this.secrets = secrets;
  }

  @Override
  public Health health() {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (!(sender instanceof JavaMailSenderImpl impl)) {
      return withOutbox(Health.status(sender == null ? NOT_CONFIGURED : Status.UNKNOWN)).build();
    }
    String location = impl.getHost() + ":" + (impl.getPort() > 0 ? impl.getPort() : 25);
    Look look = last;
    Instant now = Instant.now();
    if (look != null && look.location.equals(location) && now.isBefore(look.at.plus(properties.getHealthCacheTime()))) {
      return look.health;
    }
    Health.Builder builder;
    try {
      impl.testConnection();
      builder = Health.up();
    } catch (MessagingException | RuntimeException e) {
      builder = Health.status(UNREACHABLE).withDetail("error", secrets.describe(e));
    }
    Health health = withOutbox(builder.withDetail("location", location)).build();
    last = new Look(location, now, health);
    return health;
  }

  private Health.Builder withOutbox(Health.Builder builder) {
    try {
      Map<Outbox.Status, Long> counts = outbox.counts();
      return builder.withDetail("pending", counts.get(Outbox.Status.PENDING) + counts.get(Outbox.Status.SENDING))
          .withDetail("failed", counts.get(Outbox.Status.FAILED));
    } catch (RuntimeException e) {
      return builder; // the database has its own health detail
    }
  }
}
