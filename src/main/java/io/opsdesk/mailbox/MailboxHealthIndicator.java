package io.opsdesk.mailbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Health detail {@code mailbox}: the latest poll and the mails that failed. Its own statuses
 * {@code ATTENTION} (mails failed) and {@code UNREACHABLE} (the poll failed) are not in the
 * aggregation order, so they never make the application DOWN; {@code UNKNOWN} before the first poll
 * ranks below UP.
 */
@Component("mailboxHealthIndicator")
@Conditional(MailboxConfigured.class)
public class MailboxHealthIndicator implements HealthIndicator {

  public static final Status ATTENTION = new Status("ATTENTION", "Mails could not be turned into tickets");
  public static final Status UNREACHABLE = new Status("UNREACHABLE", "The mailbox could not be polled");

  private static final int RECENT = 5;

  private final MailboxProperties properties;
  private final MailboxState state;
  private final MailIntakeRecords records;

  public MailboxHealthIndicator(MailboxProperties properties, MailboxState state, MailIntakeRecords records) {
    this.properties = properties;
    this.state = state;
    this.records = records;
  }

  @Override
  public Health health() {
    PollResult last = state.lastResult();
    Health.Builder health;
    if (last == null) {
      health = Health.unknown().withDetail("lastPoll", "none yet");
    } else if (last.error() != null) {
      health = Health.status(UNREACHABLE).withDetail("error", last.error());
    } else if (last.inFailedFolder() > 0 || last.failed() > 0 || last.retrying() > 0) {
      health = Health.status(ATTENTION);
    } else {
      health = Health.up();
    }
    health.withDetail("mailbox", properties.toString())
        .withDetail("failedFolder", properties.getFailedFolder());
    if (last != null) {
      health.withDetail("lastPoll", String.valueOf(state.lastPoll()))
          .withDetail("lastSuccessfulPoll", String.valueOf(state.lastSuccess()))
          .withDetail("lastPollResult", last.toString());
      if (last.error() == null) {
        health.withDetail("mailsInFailedFolder", last.inFailedFolder());
      }
    }
    try {
      health.withDetail("failedMails", records.failedCount());
      List<Map<String, Object>> recent = records.recentFailures(RECENT).stream().map(r -> {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("at", String.valueOf(r.updatedAt()));
        item.put("messageId", r.messageId());
        item.put("sender", r.sender());
        item.put("subject", r.subject());
        item.put("attempts", r.attempts());
        item.put("error", r.error());
        return item;
      }).toList();
      health.withDetail("recentFailures", recent);
    } catch (RuntimeException e) {
      health.withDetail("failedMails", "unavailable: " + MailboxPoller.describe(e));
    }
    return health.build();
  }
}
