package io.opsdesk.mailbox;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import io.opsdesk.testsupport.OpsDeskTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mailbox's IMAP server out of reach while mails keep arriving, and the connection lost in the
 * middle of a poll: health says so, the polls go on, and once the server answers again every mail
 * becomes exactly one ticket.
 */
class MailboxOutageTest extends OpsDeskTest {

  private static final int MAILS = 6;

  @Autowired MailboxPoller poller;
  @Autowired MailboxProperties properties;
  @Autowired MailIntake intake;
  @Autowired MailIntakeRecords records;
  @Autowired MailboxState state;
  @Autowired HealthEndpoint health;

  private TestMailbox mailbox;
  private final List<String> senders = new ArrayList<>();

  @BeforeEach
  void emptyMailbox() {
    mailbox = new TestMailbox(MAIL, MAILBOX, MAILBOX_PASSWORD);
    mailbox.empty(properties.getFolder(), properties.getProcessedFolder(), properties.getFailedFolder());
  }

  @Test
  void mailsThatArriveWhileTheServerIsOutOfReachEachBecomeOneTicketOnceItAnswers() throws Exception {
    MailboxProperties unreachable = properties.copy();
    try (ServerSocket closed = new ServerSocket(0)) {
      unreachable.setPort(closed.getLocalPort());
    }
    MailboxPoller cutOff = new MailboxPoller(unreachable, intake, records, state);
    for (int i = 0; i < MAILS; i++) {
      deliverRequest(i);
      assertThat(cutOff.poll().error()).isNotNull();
    }
    assertThat(health.healthForPath("mailbox").getStatus()).isEqualTo(MailboxHealthIndicator.UNREACHABLE);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(ticketCounts()).allSatisfy((sender, count) -> assertThat(count).isZero());

    PollResult back = poller.poll();

    assertThat(back.error()).isNull();
    assertThat(back.newTickets()).isEqualTo(MAILS);
    assertEachMailIsOneTicket();
    assertThat(health.healthForPath("mailbox").getStatus()).isEqualTo(Status.UP);
  }

  /**
   * The connection drops after the third mail became a ticket, before that mail was moved out of the
   * inbox: the poll ends with the error, the next one moves that mail without a second ticket and
   * turns the rest into tickets.
   */
  @Test
  void aConnectionLostInThePollLeavesTheRestForTheNextPollAndNoMailTwice() throws Exception {
    for (int i = 0; i < MAILS; i++) {
      deliverRequest(i);
    }
    MailboxPoller dropping = new MailboxPoller(properties, intake, records, state) {
      private int moves;

      @Override
      protected void move(Message message, Folder target) throws MessagingException {
        if (++moves == 3) {
          message.getFolder().getStore().close();
        }
        super.move(message, target);
      }
    };

    PollResult cut = dropping.poll();

    assertThat(cut.error()).isNotNull();
    assertThat(cut.newTickets()).isEqualTo(3);
    assertThat(health.healthForPath("mailbox").getStatus()).isEqualTo(MailboxHealthIndicator.UNREACHABLE);

    PollResult next = poller.poll();

    assertThat(next.error()).isNull();
    assertThat(next.alreadyProcessed()).isEqualTo(1);
    assertThat(next.newTickets()).isEqualTo(MAILS - 3);
    assertEachMailIsOneTicket();
  }

  private void deliverRequest(int n) {
    String sender = "outage" + n + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    senders.add(sender);
    mailbox.deliver(TestMailbox.plain("<" + UUID.randomUUID() + "@mail.example.com>", sender, "Printer " + n + " jams",
        "It jams on every second page."));
  }

  /** Each sender's mail is one ticket, the inbox is empty and nothing failed; a further poll changes nothing. */
  private void assertEachMailIsOneTicket() {
    assertThat(ticketCounts()).allSatisfy((sender, count) -> assertThat(count).as(sender).isOne());
    assertThat(mailbox.subjects(properties.getFolder())).isEmpty();
    assertThat(mailbox.subjects(properties.getProcessedFolder())).hasSize(MAILS);
    assertThat(mailbox.subjects(properties.getFailedFolder())).isEmpty();
    PollResult again = poller.poll();
    assertThat(again.seen()).isZero();
    assertThat(ticketCounts()).allSatisfy((sender, count) -> assertThat(count).as(sender).isOne());
  }

  private Map<String, Integer> ticketCounts() {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (String sender : senders) {
      counts.put(sender, jdbc.queryForObject("SELECT COUNT(*) FROM ticket WHERE requester_email = ?", Integer.class, sender));
    }
    return counts;
  }
}
