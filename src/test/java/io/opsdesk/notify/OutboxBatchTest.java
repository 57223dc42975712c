package io.opsdesk.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import io.opsdesk.notify.Outbox.Notice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender keeps up with a queue: many mails go out in one run, each once, and a mail that cannot
 * be sent for a reason of its own is set aside without holding up the others.
 */
class OutboxBatchTest extends MailTest {

  private static final String BROKEN = "broken@@example.com";

  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void hundredsOfQueuedMailsGoOutOnceEachInOneRun() throws Exception {
    String ticketId = ticketWithAddress();
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 3 * notify.getBatchSize() + 7; i++) {
      recipients.add(uniqueAddress("many" + i));
    }
    queue(ticketId, recipients);

    assertThat(sender.sendDue()).isEqualTo(recipients.size());

    assertThat(received(ticketId)).containsExactlyInAnyOrderElementsOf(recipients);
    assertThat(notices(ticketId)).allSatisfy(n -> {
      assertThat(n.status()).isEqualTo(Outbox.Status.SENT);
      assertThat(n.attempts()).isEqualTo(1);
    });
    assertThat(journalTexts(ticketId)).filteredOn(line -> line.startsWith("Mail 'delayed' sent to "))
        .hasSize(recipients.size());
    assertThat(sender.sendDue()).as("nothing left").isZero();
    assertThat(received(ticketId)).hasSize(recipients.size());
  }

  @Test
  void aMailThatCannotBeSentIsSetAsideOnceAndTheOthersGoOut() throws Exception {
    String ticketId = ticketWithAddress();
    List<String> good = List.of(uniqueAddress("before"), uniqueAddress("after1"), uniqueAddress("after2"));
    queue(ticketId, List.of(good.get(0), BROKEN, good.get(1), good.get(2)));

    assertThat(sender.sendDue()).isEqualTo(3);

    assertThat(received(ticketId)).containsExactlyInAnyOrderElementsOf(good);
    Notice broken = notices(ticketId).stream().filter(n -> n.recipient().equals(BROKEN)).findFirst().orElseThrow();
    assertThat(broken.status()).isEqualTo(Outbox.Status.FAILED);
    assertThat(broken.attempts()).isEqualTo(1);
    assertThat(broken.lastError()).as("its reason").isNotBlank();
    assertThat(journalTexts(ticketId)).contains("Mail 'delayed' to " + BROKEN
        + " could not be sent; the reason is in the application log");

    clockAt(Instant.now().plusSeconds(86_400));
    assertThat(sender.sendDue()).as("set aside once, not tried again").isZero();
    assertThat(notices(ticketId).stream().filter(n -> n.recipient().equals(BROKEN))).singleElement()
        .satisfies(n -> assertThat(n.attempts()).isEqualTo(1));
    assertThat(received(ticketId)).hasSize(3);
  }

  /** A ticket whose own 'opened' mail is already out of the way. */
  private String ticketWithAddress() throws Exception {
    var request = phoneCall();
    request.put("requesterEmail", uniqueAddress("batch"));
    String ticketId = start("desk", request).getBusinessKey();
    sender.sendDue();
    MAIL.purgeEmailFromAllMailboxes();
    return ticketId;
  }

  /** Queues one mail per recipient in one transaction, as a step that mails many people does. */
  private void queue(String ticketId, List<String> recipients) {
    Instant now = Instant.now();
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> recipients.forEach(recipient ->
        outbox.queue(ticketId, "delayed", recipient, new MailTemplates.Mail("Progress of " + ticketId, "Still on it"), now)));
  }

  private List<Notice> notices(String ticketId) {
    return outbox.ofTicket(ticketId).stream().filter(n -> n.template().equals("delayed")).toList();
  }

  private static List<String> received(String ticketId) throws Exception {
    List<String> to = new ArrayList<>();
    for (MimeMessage message : mails(ticketId, "delayed")) {
      to.addAll(recipients(message));
    }
    return to;
  }
}
