package io.opsdesk.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email intake against the tests' real IMAP server (GreenMail): mails are delivered into the service
 * desk's mailbox, the poller is called as the scheduler would, and the outcome is read from the
 * engine, the ticket tables and the mailbox's folders.
 */
class MailIntakeTest extends OpsDeskTest {

  @Autowired MailboxPoller poller;
  @Autowired MailboxProperties properties;
  @Autowired MailIntake intake;
  @Autowired MailIntakeRecords records;
  @Autowired MailboxState state;
  @Autowired TicketAttachments attachments;
  @Autowired HealthEndpoint healthEndpoint;
  @Autowired PlatformTransactionManager transactionManager;

  private TestMailbox mailbox;
  private String sender;

  @BeforeEach
  void emptyMailbox() {
    mailbox = new TestMailbox(MAIL, MAILBOX, MAILBOX_PASSWORD);
    mailbox.empty(properties.getFolder(), properties.getProcessedFolder(), properties.getFailedFolder());
    sender = "li.wei." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void plainTextMailOpensARequestInTriage() {
    mailbox.deliver(TestMailbox.plain(newMessageId(), "Li Wei <" + sender + ">", "Printer on floor 3 jams",
        "The printer by the lifts jams on every second page.\nPlease have a look."));

    PollResult result = poller.poll();

    assertThat(result.newTickets()).isEqualTo(1);
    Ticket ticket = onlyTicketFrom(sender);
    assertThat(ticket.channel()).isEqualTo("EMAIL");
    assertThat(ticket.requesterName()).isEqualTo("Li Wei");
    assertThat(ticket.requesterEmail()).isEqualTo(sender);
    assertThat(ticket.subject()).isEqualTo("Printer on floor 3 jams");
    assertThat(ticket.description()).isEqualTo("The printer by the lifts jams on every second page.\nPlease have a look.");
    assertThat(ticket.category()).isNull();
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticket.ticketId()).singleResult();
    assertThat(instance).isNotNull();
    assertThat(runtime.getVariables(instance.getId())).containsEntry("channel", "EMAIL")
        .containsEntry("requesterEmail", sender).doesNotContainKeys("category", "impact", "urgency");
    Task triage = openTask(instance, "triage");
    assertThat(triage).isNotNull();
    assertThat(journalKinds(ticket)).containsExactly("OPENED");

    assertThat(mailbox.subjects(properties.getFolder())).isEmpty();
    assertThat(mailbox.subjects(properties.getProcessedFolder())).containsExactly("Printer on floor 3 jams");
    assertThat(jdbc.queryForObject("SELECT status FROM mail_intake WHERE ticket_id = ?", String.class, ticket.ticketId()))
        .isEqualTo("PROCESSED");
    assertThat(mailboxHealth().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void htmlOnlyMailBecomesText() {
    mailbox.deliver(TestMailbox.html(newMessageId(), "\"Zhang Min\" <" + sender + ">", "VPN drops",
        "<html><head><title>x</title><style>p { color: red }</style></head><body>"
            + "<p>Hello&nbsp;desk,</p><p>The <b>VPN</b> drops &amp; reconnects<br>every 5&#160;minutes.</p>"
            + "<ul><li>since Monday</li><li>only on Wi-Fi &lt;office&gt;</li></ul>"
            + "<script>alert('x')</script><!-- tracking --></body></html>"));

    poller.poll();

    Ticket ticket = onlyTicketFrom(sender);
    assertThat(ticket.requesterName()).isEqualTo("Zhang Min");
    assertThat(ticket.description())
        .isEqualTo("Hello desk,\n\nThe VPN drops & reconnects\nevery 5 minutes.\n\n- since Monday\n- only on Wi-Fi <office>")
        .doesNotContain("color", "alert", "tracking", "<b>");
  }

  @Test
  void attachmentsAreKeptUpToTheLimits() {
    MailboxProperties small = properties.copy();
    small.setMaxAttachmentBytes(DataSize.ofKilobytes(50));
    small.setMaxAttachmentsBytes(DataSize.ofKilobytes(60));
    MailboxPoller smallPoller = new MailboxPoller(small, intake, records, state);
    byte[] screenshot = bytes(20 * 1024);
    byte[] dump = bytes(80 * 1024);
    byte[] log = bytes(45 * 1024);
    mailbox.deliver(TestMailbox.withAttachments(newMessageId(), sender, "Laptop crashes", "See the files.",
        "screenshot.png", "image/png", screenshot,
        "memory.dmp", "application/octet-stream", dump,
        "system.log", "text/plain", log));

    smallPoller.poll();

    Ticket ticket = onlyTicketFrom(sender);
    assertThat(ticket.description()).isEqualTo("See the files.");
    List<TicketAttachments.AttachmentInfo> stored = attachments.list(ticket.ticketId());
    assertThat(stored).extracting(TicketAttachments.AttachmentInfo::fileName).containsExactly("screenshot.png");
    assertThat(stored.get(0).contentType()).isEqualTo("image/png");
    assertThat(stored.get(0).sizeBytes()).isEqualTo(screenshot.length);
    assertThat(attachments.content(stored.get(0).id())).contains(screenshot);
    JournalEntry note = entry(ticket, MailIntake.ATTACHMENTS);
    assertThat(note.text()).contains("kept: screenshot.png (image/png, 20.0 KB)")
        .contains("dropped, not stored: memory.dmp (larger than 50.0 KB, the limit per attachment)")
        .contains("dropped, not stored: system.log (45.0 KB, over the limit of 60.0 KB of attachments per mail)");
    assertThat(mailbox.subjects(properties.getProcessedFolder())).containsExactly("Laptop crashes");
  }

  @Test
  void replyWithTicketIdGoesToTheJournal() {
    mailbox.deliver(TestMailbox.plain(newMessageId(), "Li Wei <" + sender + ">", "Scanner offline", "The scanner is offline."));
    poller.poll();
    Ticket ticket = onlyTicketFrom(sender);

    mailbox.deliver(TestMailbox.withAttachments(newMessageId(), "Li Wei <" + sender + ">",
        "Re: [" + ticket.ticketId() + "] Scanner offline",
        "It works again after the restart, thanks!\n\nOn Mon, 2 Mar 2026 at 10:00, OpsDesk wrote:\n> We restarted it.\n> Regards",
        "photo.jpg", "image/jpeg", bytes(1000)));
    PollResult result = poller.poll();

    assertThat(result.replies()).isEqualTo(1);
    assertThat(result.newTickets()).isZero();
    assertThat(ticketsFrom(sender)).hasSize(1);
    JournalEntry reply = entry(ticket, MailIntake.EMAIL_REPLY);
    assertThat(reply.actor()).isEqualTo(MailIntake.ACTOR);
    assertThat(reply.text()).startsWith("Reply by email from Li Wei <" + sender + ">\n")
        .contains("It works again after the restart, thanks!")
        .doesNotContain("We restarted it", "not the ticket's requester");
    assertThat(attachments.list(ticket.ticketId())).extracting(TicketAttachments.AttachmentInfo::fileName)
        .containsExactly("photo.jpg");
    assertThat(mailbox.subjects(properties.getProcessedFolder())).hasSize(2);
  }

  @Test
  void replyFromSomeoneElseIsMarked() {
    mailbox.deliver(TestMailbox.plain(newMessageId(), sender, "Monitor flickers", "It flickers."));
    poller.poll();
    Ticket ticket = onlyTicketFrom(sender);

    String colleague = "colleague." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    mailbox.deliver(TestMailbox.plain(newMessageId(), colleague, "AW: " + ticket.ticketId(), "Mine too."));
    poller.poll();

    assertThat(ticketsFrom(colleague)).isEmpty();
    assertThat(entry(ticket, MailIntake.EMAIL_REPLY).text()).contains(colleague + " (not the ticket's requester)")
        .contains("Mine too.");
  }

  @Test
  void subjectNamingNoExistingTicketOpensANewOne() {
    mailbox.deliver(TestMailbox.plain(newMessageId(), sender, "Re: SR-1999-999999 old problem is back", "Back again."));
    poller.poll();
    assertThat(onlyTicketFrom(sender).subject()).isEqualTo("Re: SR-1999-999999 old problem is back");
  }

  @Test
  void theSameMailTwiceIsOneTicket() {
    String raw = TestMailbox.plain(newMessageId(), sender, "Disk full", "Drive C: is full.");
    mailbox.deliver(raw);
    mailbox.deliver(raw);

    PollResult first = poller.poll();
    assertThat(first.newTickets()).isEqualTo(1);
    assertThat(first.alreadyProcessed()).isEqualTo(1);

    mailbox.deliver(raw); // and once more, later
    PollResult second = poller.poll();
    assertThat(second.alreadyProcessed()).isEqualTo(1);

    assertThat(ticketsFrom(sender)).hasSize(1);
    assertThat(mailbox.subjects(properties.getFolder())).isEmpty();
    assertThat(mailbox.subjects(properties.getProcessedFolder())).containsExactly("Disk full", "Disk full", "Disk full");
  }

  @Test
  void withoutMessageIdTheHeadersIdentifyTheMail() {
    String raw = TestMailbox.plain(null, sender, "Keyboard missing keys", "The Q key is gone.");
    mailbox.deliver(raw);
    mailbox.deliver(raw);

    poller.poll();

    assertThat(ticketsFrom(sender)).hasSize(1);
    assertThat(mailbox.subjects(properties.getProcessedFolder())).hasSize(2);
  }

  @Test
  void crashBeforeTheMoveLeadsToNoSecondTicket() {
    mailbox.deliver(TestMailbox.plain(newMessageId(), sender, "Projector broken", "No picture in room 4."));
    MailboxPoller crashing = new MailboxPoller(properties, intake, records, state) {
      @Override
      protected void move(Message message, Folder target) throws MessagingException {
        throw new MessagingException("simulated crash between commit and move");
      }
    };

    PollResult crashed = crashing.poll();
    assertThat(crashed.newTickets()).isEqualTo(1);
    assertThat(crashed.notMoved()).isEqualTo(1);
    assertThat(mailbox.subjects(properties.getFolder())).containsExactly("Projector broken");

    PollResult restarted = poller.poll();
    assertThat(restarted.newTickets()).isZero();
    assertThat(restarted.alreadyProcessed()).isEqualTo(1);
    assertThat(ticketsFrom(sender)).hasSize(1);
    assertThat(mailbox.subjects(properties.getFolder())).isEmpty();
    assertThat(mailbox.subjects(properties.getProcessedFolder())).containsExactly("Projector broken");
  }

  @Test
  void crashInsideTheTransactionLeavesNothingAndTheMailIsTriedAgain() {
    // An intake that fails after the process instance has started, before the commit.
    MailIntake crashing = new MailIntake(runtime, tickets, journal, records, new TicketAttachments(null) {
      @Override
      void add(String ticketId, String mailKey, IncomingMail.Attachment attachment) {
        throw new IllegalStateException("simulated crash before commit");
      }
    }, transactionManager);
    mailbox.deliver(TestMailbox.withAttachments(newMessageId(), sender, "Headset broken", "Left ear silent.",
        "a.txt", "text/plain", bytes(10)));

    PollResult crashed = new MailboxPoller(properties, crashing, records, state).poll();

    assertThat(crashed.retrying()).isEqualTo(1);
    assertThat(ticketsFrom(sender)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals("requesterEmail", sender).count()).isZero();
    assertThat(mailbox.subjects(properties.getFolder())).containsExactly("Headset broken");

    PollResult retried = poller.poll();

    assertThat(retried.newTickets()).isEqualTo(1);
    Ticket ticket = onlyTicketFrom(sender);
    assertThat(attachments.list(ticket.ticketId())).hasSize(1);
    assertThat(mailbox.subjects(properties.getFolder())).isEmpty();
    assertThat(mailbox.subjects(properties.getProcessedFolder())).containsExactly("Headset broken");
    assertThat(jdbc.queryForObject("SELECT attempts FROM mail_intake WHERE ticket_id = ?", Integer.class,
        ticket.ticketId())).isEqualTo(2);
  }

  @Test
  void refusedMailGoesToTheFailedFolderAndShowsInHealth() {
    String bad = "someone." + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    String messageId = newMessageId();
    mailbox.deliver(TestMailbox.plain(messageId, "Someone <" + bad + ">", "Help", "Something is broken."));

    PollResult result = poller.poll();

    assertThat(result.failed()).isEqualTo(1);
    assertThat(ticketsFrom(bad)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals("requesterEmail", bad).count()).isZero();
    assertThat(mailbox.subjects(properties.getFolder())).isEmpty();
    assertThat(mailbox.subjects(properties.getFailedFolder())).containsExactly("Help");
    MailIntakeRecords.MailRecord record = records.findByMessageId(messageId).orElseThrow();
    assertThat(record.status()).isEqualTo("FAILED");
    assertThat(record.error()).contains("requesterEmail must be an email address");
    assertThat(record.ticketId()).isNull();

    Health health = mailboxHealth();
    assertThat(health.getStatus()).isEqualTo(MailboxHealthIndicator.ATTENTION);
    assertThat(health.getDetails()).containsEntry("mailsInFailedFolder", 1);
    assertThat(health.getDetails().get("recentFailures").toString()).contains(bad, "requesterEmail must be an email address");
    assertThat(health.getDetails().toString()).doesNotContain(MAILBOX_PASSWORD);
    ResponseEntity<Map> overall = rest.getForEntity("/actuator/health", Map.class);
    assertThat(overall.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(overall.getBody()).containsEntry("status", "UP");

    // Put back into the inbox (e.g. after fixing something), it is tried again and fails again.
    mailbox.moveAll(properties.getFailedFolder(), properties.getFolder());
    poller.poll();
    assertThat(records.findByMessageId(messageId).orElseThrow().attempts()).isEqualTo(2);
    assertThat(mailbox.subjects(properties.getFailedFolder())).containsExactly("Help");
  }

  @Test
  void brokenMimeGoesToTheFailedFolder() {
    String messageId = newMessageId();
    mailbox.deliver(TestMailbox.headers(messageId, sender, "Broken mail")
        + "Content-Type: text/plain; charset=UTF-8\n"
        + "Content-Transfer-Encoding: x-no-such-encoding\n\n"
        + "???\n");

    PollResult result = poller.poll();

    assertThat(result.failed()).isEqualTo(1);
    assertThat(ticketsFrom(sender)).isEmpty();
    assertThat(mailbox.subjects(properties.getFailedFolder())).containsExactly("Broken mail");
    assertThat(records.findByMessageId(messageId).orElseThrow().error()).startsWith("Mail cannot be read");
  }

  @Test
  void hugeBodyIsShortenedNotLost() {
    StringBuilder body = new StringBuilder();
    while (body.length() < 3_000_000) {
      body.append("Log line ").append(body.length()).append(": disk error on /dev/sda\n");
    }
    mailbox.deliver(TestMailbox.plain(newMessageId(), sender, "Huge log", body.toString()));

    PollResult result = poller.poll();

    assertThat(result.newTickets()).isEqualTo(1);
    Ticket ticket = onlyTicketFrom(sender);
    assertThat(ticket.description()).hasSizeLessThanOrEqualTo(MailIntake.MAX_DESCRIPTION)
        .startsWith("Log line 9: disk error")
        .contains("\n\n[Text shortened to " + MailIntake.MAX_DESCRIPTION + " characters. The mail's text (its first ")
        .endsWith(" characters) is attached as mail-text.txt; the whole mail is kept in the mailbox folder '"
            + properties.getProcessedFolder() + "'.]");
    TicketAttachments.AttachmentInfo fullText = attachments.list(ticket.ticketId()).get(0);
    assertThat(fullText.fileName()).isEqualTo(MailIntake.FULL_TEXT);
    String attached = new String(attachments.content(fullText.id()).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(attached.length()).isBetween(90_000, MailReader.MAX_TEXT_CHARS);
    assertThat(body.toString()).startsWith(attached);
    assertThat(mailbox.subjects(properties.getProcessedFolder())).containsExactly("Huge log");
  }

  @Test
  void emptySubjectAndBody() {
    mailbox.deliver(TestMailbox.plain(newMessageId(), sender, null, ""));
    poller.poll();
    Ticket ticket = onlyTicketFrom(sender);
    assertThat(ticket.subject()).isEqualTo("(no subject)");
    assertThat(ticket.description()).isEqualTo("(no text)");
  }

  @Test
  void unreachableMailboxIsReportedWithoutTheSecret() {
    MailboxProperties wrong = properties.copy();
    wrong.setPassword("not-the-password-42");
    PollResult result = new MailboxPoller(wrong, intake, records, state).poll();

    assertThat(result.error()).isNotNull().doesNotContain("not-the-password-42");
    Health health = mailboxHealth();
    assertThat(health.getStatus()).isEqualTo(MailboxHealthIndicator.UNREACHABLE);
    assertThat(health.getDetails().toString()).doesNotContain("not-the-password-42", MAILBOX_PASSWORD);
    assertThat(rest.getForEntity("/actuator/health", Map.class).getBody()).containsEntry("status", "UP");

    poller.poll();
    assertThat(mailboxHealth().getStatus()).isEqualTo(Status.UP);
  }

  /**
   * A sender that is a bare name ("From: Helpdesk Team") makes the IMAP server report an address
   * without mailbox, which the mail library cannot parse: the mail's envelope never loads. It is set
   * aside once by its UID and the mail after it becomes a ticket in the same poll.
   */
  @Test
  void mailThatCannotBeReadIsSetAsideOnceAndTheNextMailsFlow() {
    mailbox.deliver("Message-ID: " + newMessageId() + "\nFrom: Helpdesk Team\nTo: servicedesk@example.com\n"
        + "Subject: Weekly digest\nDate: Mon, 2 Mar 2026 09:15:00 +0800\nMIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=UTF-8\n\nNothing to see.\n");
    mailbox.deliver(TestMailbox.plain(newMessageId(), "Li Wei <" + sender + ">", "Mouse broken", "The mouse is broken."));
    List<String> failedBefore = failedKeys();

    PollResult first = poller.poll();

    assertThat(first.error()).isNull();
    assertThat(first.failed()).isEqualTo(1);
    assertThat(first.newTickets()).isEqualTo(1);
    assertThat(onlyTicketFrom(sender).subject()).isEqualTo("Mouse broken");
    assertThat(mailbox.subjects(properties.getFolder())).isEmpty();
    assertThat(mailbox.subjects(properties.getFailedFolder())).containsExactly("Weekly digest");
    assertThat(mailbox.subjects(properties.getProcessedFolder())).containsExactly("Mouse broken");
    List<String> failedAfter = failedKeys();
    List<String> added = new ArrayList<>(failedAfter);
    added.removeAll(failedBefore);
    assertThat(added).hasSize(1);
    MailIntakeRecords.MailRecord record = records.find(added.get(0)).orElseThrow();
    assertThat(record.error()).matches("Mail UID \\d+ in INBOX cannot be read: .*Failed to load IMAP envelope.*");
    assertThat(record.attempts()).isEqualTo(1);
    Health health = mailboxHealth();
    assertThat(health.getStatus()).isEqualTo(MailboxHealthIndicator.ATTENTION);
    assertThat(health.getDetails()).containsEntry("mailsInFailedFolder", 1).doesNotContainKey("error");

    PollResult second = poller.poll();

    assertThat(second.seen()).isZero();
    assertThat(second.failed()).isZero();
    assertThat(failedKeys()).containsExactlyInAnyOrderElementsOf(failedAfter);
    assertThat(records.find(record.mailKey()).orElseThrow().attempts()).isEqualTo(1);
    assertThat(mailbox.subjects(properties.getFailedFolder())).containsExactly("Weekly digest");
    assertThat(ticketsFrom(sender)).hasSize(1);
    assertThat(mailboxHealth().getStatus()).isEqualTo(MailboxHealthIndicator.ATTENTION);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private List<String> failedKeys() {
    return jdbc.queryForList("SELECT mail_key FROM mail_intake WHERE status = 'FAILED'", String.class);
  }

  private Health mailboxHealth() {
    return (Health) healthEndpoint.healthForPath("mailbox");
  }

  private List<Ticket> ticketsFrom(String email) {
    return jdbc.queryForList("SELECT ticket_id FROM ticket WHERE requester_email = ? ORDER BY ticket_id", String.class, email)
        .stream().map(id -> tickets.find(id).orElseThrow()).toList();
  }

  private Ticket onlyTicketFrom(String email) {
    List<Ticket> found = ticketsFrom(email);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private JournalEntry entry(Ticket ticket, String kind) {
    return journal.entries(ticket.ticketId()).stream().filter(e -> e.kind().equals(kind)).findFirst()
        .orElseThrow(() -> new AssertionError("No " + kind + " in the journal of " + ticket.ticketId()));
  }

  private static String newMessageId() {
    return "<" + UUID.randomUUID() + "@mail.example.com>";
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
