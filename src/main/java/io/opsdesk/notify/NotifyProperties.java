package io.opsdesk.notify;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code opsdesk.notify.*}: what the mails look like and how hard the sender tries. The mail server
 * itself is Spring Boot's standard {@code spring.mail.*}.
 */
@ConfigurationProperties("opsdesk.notify")
public class NotifyProperties {

  /** Queue notifications at all; false turns every hook in the models into a no-op. */
  private boolean enabled = true;
  /** The From of every mail, an address or {@code Name <address>}. */
  private String from = "OpsDesk Service Desk <servicedesk@example.com>";
  /** Optional Reply-To, e.g. the service desk's mailbox. */
  private String replyTo;
  /** Where the templates are: a Spring resource location ending in a slash (classpath: or file:). */
  private String templates = "classpath:notify/";
  /**
   * The language of mails to people who chose none, or who have no Camunda user (callers known by
   * phone or mail only): zh-CN, since OpsDesk serves Chinese IT operations teams; or en.
   */
  private String defaultLanguage = MailLanguages.SUPPORTED.get(0);
  /** The zone times are shown in. */
  private ZoneId zone = ZoneId.systemDefault();
  /** Pause between two runs of the sender (only when scheduling is on). */
  private Duration sendInterval = Duration.ofSeconds(10);
  /** Attempts per mail, the first included; after the last failed one the mail is FAILED. */
  private int maxAttempts = 6;
  /** Wait after the first failed attempt; it doubles with every further failure, up to maxBackoff. */
  private Duration initialBackoff = Duration.ofMinutes(1);
  private Duration maxBackoff = Duration.ofHours(1);
  /** Mails claimed per round of a sender run. */
  private int batchSize = 50;
  /** How long a claimed mail stays with its sender; after that (a crashed sender) another may take it. */
  private Duration claimTimeout = Duration.ofMinutes(5);
  /** How long sent mails stay in the outbox table (their journal lines stay for good). */
  private Duration keepSent = Duration.ofDays(30);
  /** How long /actuator/health reuses its last look at the mail server. */
  private Duration healthCacheTime = Duration.ofSeconds(30);

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getReplyTo() {
    return replyTo;
  }

  public void setReplyTo(String replyTo) {
    this.replyTo = replyTo;
  }

  public String getTemplates() {
    return templates;
  }

  public void setTemplates(String templates) {
    this.templates = templates.endsWith("/") ? templates : templates + "/";
  }

  public String getDefaultLanguage() {
    return defaultLanguage;
  }

  public void setDefaultLanguage(String defaultLanguage) {
    this.defaultLanguage = MailLanguages.supported(defaultLanguage)
        .orElseThrow(() -> new IllegalArgumentException(MailLanguages.unsupported(defaultLanguage)));
  }

  public ZoneId getZone() {
    return zone;
  }

  public void setZone(ZoneId zone) {
    this.zone = zone;
  }

  public Duration getSendInterval() {
    return sendInterval;
  }

  public void setSendInterval(Duration sendInterval) {
    this.sendInterval = sendInterval;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = Math.max(1, maxAttempts);
  }

  public Duration getInitialBackoff() {
    return initialBackoff;
  }

  public void setInitialBackoff(Duration initialBackoff) {
    this.initialBackoff = initialBackoff;
  }

  public Duration getMaxBackoff() {
    return maxBackoff;
  }

  public void setMaxBackoff(Duration maxBackoff) {
    this.maxBackoff = maxBackoff;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = Math.max(1, batchSize);
  }

  public Duration getClaimTimeout() {
    return claimTimeout;
  }

  public void setClaimTimeout(Duration claimTimeout) {
    this.claimTimeout = claimTimeout;
  }

  public Duration getKeepSent() {
    return keepSent;
  }

  public void setKeepSent(Duration keepSent) {
    this.keepSent = keepSent;
  }

  public Duration getHealthCacheTime() {
    return healthCacheTime;
  }

  public void setHealthCacheTime(Duration healthCacheTime) {
    this.healthCacheTime = healthCacheTime;
  }

  /** The wait before the attempt after failed attempt number {@code failed} (1-based). */
  Duration backoffAfter(int failed) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failed && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
