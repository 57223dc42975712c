package io.opsdesk.mailbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code opsdesk.mailbox.*}: the mailbox requests arrive in. The poller runs only when a host is
 * configured. The password comes from configuration or the environment
 * ({@code OPSDESK_MAILBOX_PASSWORD}); it is never logged nor written into a ticket.
 */
@ConfigurationProperties("opsdesk.mailbox")
public class MailboxProperties {

  /** IMAP server; empty = no email intake. */
  private String host;
  /** 0 = the protocol's default (143 for imap, 993 for imaps). */
  private int port;
  /** imaps (TLS, production) or imap (plain, for local test servers only). */
  private String protocol = "imaps";
  private String username;
  private String password;
  /** The folder new mail arrives in. */
  private String folder = "INBOX";
  /** Where a mail goes once it became a ticket or a journal entry (created when missing). */
  private String processedFolder = "Processed";
  /** Where a mail goes that could not be turned into a ticket (created when missing; never deleted). */
  private String failedFolder = "Failed";
  /** Largest attachment kept with a ticket; larger ones are dropped and the journal says so. */
  private DataSize maxAttachmentBytes = DataSize.ofMegabytes(10);
  /** Most attachment bytes kept from one mail. */
  private DataSize maxAttachmentsBytes = DataSize.ofMegabytes(25);
  /** Pause between two polls (when scheduling is on). */
  private Duration pollInterval = Duration.ofMinutes(1);
  /** Pause before the first poll after start-up (when scheduling is on). */
  private Duration initialDelay = Duration.ofSeconds(20);
  /** Mails handled per poll at most; the rest wait for the next poll. */
  private int maxMessagesPerPoll = 50;
  /** Connect and read timeout of the IMAP connection. */
  private Duration timeout = Duration.ofSeconds(30);
  /** Extra Jakarta Mail session properties, e.g. {@code mail.imaps.ssl.trust}. */
  private Map<String, String> properties = new LinkedHashMap<>();

  public boolean isSecure() {
    return "imaps".equals(protocol);
  }

  public int effectivePort() {
    return port > 0 ? port : isSecure() ? 993 : 143;
  }

  /** A copy to change in tests without touching the application's settings. */
  public MailboxProperties copy() {
    MailboxProperties c = new MailboxProperties();
    c.host = host;
    c.port = port;
    c.protocol = protocol;
    c.username = username;
    c.password = password;
    c.folder = folder;
    c.processedFolder = processedFolder;
    c.failedFolder = failedFolder;
    c.maxAttachmentBytes = maxAttachmentBytes;
    c.maxAttachmentsBytes = maxAttachmentsBytes;
    c.pollInterval = pollInterval;
    c.initialDelay = initialDelay;
    c.maxMessagesPerPoll = maxMessagesPerPoll;
    c.timeout = timeout;
    c.properties = new LinkedHashMap<>(properties);
    return c;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "mailbox " + protocol + "://" + username + "@" + host + ":" + effectivePort() + "/" + folder;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    String p = protocol == null ? "" : protocol.trim().toLowerCase();
    if (!p.equals("imap") && !p.equals("imaps")) {
      throw new IllegalArgumentException("opsdesk.mailbox.protocol must be imap or imaps");
    }
    this.protocol = p;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getFolder() {
    return folder;
  }

  public void setFolder(String folder) {
    this.folder = folder;
  }

  public String getProcessedFolder() {
    return processedFolder;
  }

  public void setProcessedFolder(String processedFolder) {
    this.processedFolder = processedFolder;
  }

  public String getFailedFolder() {
    return failedFolder;
  }

  public void setFailedFolder(String failedFolder) {
    this.failedFolder = failedFolder;
  }

  public DataSize getMaxAttachmentBytes() {
    return maxAttachmentBytes;
  }

  public void setMaxAttachmentBytes(DataSize maxAttachmentBytes) {
    this.maxAttachmentBytes = maxAttachmentBytes;
  }

  public DataSize getMaxAttachmentsBytes() {
    return maxAttachmentsBytes;
  }

  public void setMaxAttachmentsBytes(DataSize maxAttachmentsBytes) {
    this.maxAttachmentsBytes = maxAttachmentsBytes;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getInitialDelay() {
    return initialDelay;
  }

  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  public int getMaxMessagesPerPoll() {
    return maxMessagesPerPoll;
  }

  public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
    this.maxMessagesPerPoll = maxMessagesPerPoll;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Map<String, String> getProperties() {
    return properties;
  }

  public void setProperties(Map<String, String> properties) {
    this.properties = properties;
  }
}
