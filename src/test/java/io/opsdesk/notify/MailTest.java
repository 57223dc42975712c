package io.opsdesk.notify;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.JournalEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mail tests share: an empty outbox and mailboxes at the start, the mails GreenMail received
 * for a ticket, a mail server that is down, people with a language of their own.
 */
abstract class MailTest extends OpsDeskTest {

  @Autowired protected NotificationSender sender;
  @Autowired protected Outbox outbox;
  @Autowired protected NotifyProperties notify;
  @Autowired protected JavaMailSender mailSender;

  interface Steps {
    void run() throws Exception;
  }

  /**
   * Delivers what earlier tests left queued (also what they queued while their clock was moved
   * ahead), then starts from empty mailboxes.
   */
  @BeforeEach
  void emptyOutboxAndMailboxes() throws Exception {
    clockAt(Instant.now().plus(Duration.ofDays(400)));
    sender.sendDue();
    ClockUtil.reset();
    MAIL.purgeEmailFromAllMailboxes();
  }

  /** Points the application's mail sender at a port nobody listens on, and back afterwards. */
  protected void withDeadMailServer(Steps steps) throws Exception {
    JavaMailSenderImpl impl = (JavaMailSenderImpl) mailSender;
    int port = impl.getPort();
    impl.setPort(deadPort());
    try {
      steps.run();
    } finally {
      impl.setPort(port);
    }
  }

  private static int deadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A user of group {@code groupId} with an address and, unless null, a language of their own. */
  protected User person(String userId, String groupId, String language) {
    User user = identity.newUser(userId);
    user.setFirstName(userId);
    user.setLastName("Test");
    user.setEmail(uniqueAddress(userId));
    user.setPassword(passwordOf(userId));
    identity.saveUser(user);
    identity.createMembership(userId, groupId);
    if (language != null) {
      identity.setUserInfo(userId, MailLanguages.USER_INFO, language);
    }
    return user;
  }

  protected static String passwordOf(String userId) {
    return "Kv7-" + Integer.toHexString(userId.hashCode()) + "-Pw-2026"; // never contains the user id (password policy)
  }

  /** Deleting a Camunda user leaves their user info behind: remove both. */
  protected void forget(String... userIds) {
    for (String userId : userIds) {
      identity.deleteUserInfo(userId, MailLanguages.USER_INFO);
      identity.deleteUser(userId);
    }
  }

  /** Runs {@code steps} while {@code userId} has chosen {@code language}; their own choice again afterwards. */
  protected void speaking(String userId, String language, Steps steps) throws Exception {
    String before = identity.getUserInfo(userId, MailLanguages.USER_INFO);
    identity.setUserInfo(userId, MailLanguages.USER_INFO, language);
    try {
      steps.run();
    } finally {
      if (before == null) {
        identity.deleteUserInfo(userId, MailLanguages.USER_INFO);
      } else {
        identity.setUserInfo(userId, MailLanguages.USER_INFO, before);
      }
    }
  }

  /** The outbox row of a ticket's 'opened' mail. */
  protected Outbox.Notice opened(String ticketId) {
    return outbox.ofTicket(ticketId).stream().filter(n -> n.template().equals("opened")).findFirst().orElseThrow();
  }

  protected List<String> journalTexts(String ticketId) {
    return journal.entries(ticketId).stream().map(JournalEntry::text).toList();
  }

  protected static String uniqueAddress(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  protected static List<MimeMessage> mails(String ticketId) throws MessagingException {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (ticketId.equals(message.getHeader("X-OpsDesk-Ticket", null))) {
        found.add(message);
      }
    }
    return found;
  }

  protected static List<MimeMessage> mails(String ticketId, String template) throws MessagingException {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : mails(ticketId)) {
      if (template.equals(message.getHeader("X-OpsDesk-Notification", null))) {
        found.add(message);
      }
    }
    return found;
  }

  protected static MimeMessage single(String ticketId, String template) throws MessagingException {
    List<MimeMessage> found = mails(ticketId, template);
    assertThat(found).as("mails '%s' of %s", template, ticketId).hasSize(1);
    return found.get(0);
  }

  protected static List<String> recipients(MimeMessage message) throws MessagingException {
    return java.util.Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
  }

  protected static String recipient(MimeMessage message) {
    try {
      return recipients(message).get(0);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String text(MimeMessage message) throws IOException, MessagingException {
    return ((String) message.getContent()).replace("\r\n", "\n");
  }
}
