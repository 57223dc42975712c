package io.opsdesk.mailbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one read mail into a new service request or a journal entry of an existing one, in ONE
 * transaction with its mail_intake row: the row commits exactly when the ticket (or the reply)
 * does, so a mail seen again is recognised and never becomes a second ticket.
 */
@Component
public class MailIntake {

  /** Journal actor of entries the mailbox writes. */
  public static final String ACTOR = "mailbox";
  public static final String EMAIL_REPLY = "EMAIL_REPLY";
  public static final String ATTACHMENTS = "ATTACHMENTS";

  static final Pattern TICKET_ID = Pattern.compile("\\bSR-\\d{4}-\\d{6,}\\b");
  static final String NO_SUBJECT = "(no subject)";
  static final String NO_TEXT = "(no text)";
  /** Room for a reply in the journal (whose entries hold 8,000 characters). */
  static final int MAX_REPLY = 7000;
  /**
   * The description of a request from a mail. The contract allows 10,000 characters, but the
   * engine keeps a String variable in a 4,000-character column (TEXT_ of ACT_RU_VARIABLE and
   * ACT_HI_VARINST, on H2 and PostgreSQL alike): a longer one fails at commit. The whole text goes
   * with the ticket as the attachment {@value #FULL_TEXT}.
   */
  static final int MAX_DESCRIPTION = Math.min(InputRules.DESCRIPTION, 4000);
  /** File name of a shortened mail's text, stored with the ticket. */
  static final String FULL_TEXT = "mail-text.txt";

  /** What became of a mail. */
  public record Outcome(String kind, String ticketId) {
  }

  private final RuntimeService runtime;
  private final TicketRepository tickets;
  private final TicketJournal journal;
  private final MailIntakeRecords records;
  private final TicketAttachments attachments;
  private final TransactionTemplate transaction;

  public MailIntake(RuntimeService runtime, TicketRepository tickets, TicketJournal journal, MailIntakeRecords records,
      TicketAttachments attachments, PlatformTransactionManager transactionManager) {
    this.runtime = runtime;
    this.tickets = tickets;
    this.journal = journal;
    this.records = records;
    this.attachments = attachments;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Opens the request or appends the reply. Throws {@link MailIntakeRecords.AlreadyProcessedException}
   * when the mail was handled before, and whatever the engine throws when it refuses the request
   * (then nothing at all is written).
   */
  Outcome accept(IncomingMail mail, String keptIn, long maxAttachmentBytes) {
    return transaction.execute(status -> {
      records.claim(mail);
      Optional<Ticket> ticket = repliedTicket(mail.subject());
      List<IncomingMail.Attachment> extra = new ArrayList<>();
      Outcome outcome = ticket.isPresent() ? appendReply(ticket.get(), mail, keptIn, maxAttachmentBytes, extra)
          : openRequest(mail, keptIn, maxAttachmentBytes, extra);
      records.completed(mail.key(), outcome.kind(), outcome.ticketId());
      storeAttachments(outcome.ticketId(), mail, extra);
      return outcome;
    });
  }

  /** The first ticket id in the subject that names an existing ticket. */
  Optional<Ticket> repliedTicket(String subject) {
    if (subject == null) {
      return Optional.empty();
    }
    Matcher m = TICKET_ID.matcher(subject);
    while (m.find()) {
      Optional<Ticket> ticket = tickets.find(m.group());
      if (ticket.isPresent()) {
        return ticket;
      }
    }
    return Optional.empty();
  }

  private Outcome openRequest(IncomingMail mail, String keptIn, long maxAttachmentBytes,
      List<IncomingMail.Attachment> extra) {
    Map<String, Object> variables = new HashMap<>();
    String name = mail.senderName() != null && !mail.senderName().isBlank() ? mail.senderName() : mail.senderAddress();
    if (name != null) {
      variables.put("requesterName", MailText.oneLine(name, InputRules.SHORT_TEXT));
    }
    if (mail.senderAddress() != null) {
      variables.put("requesterEmail", mail.senderAddress());
    }
    variables.put("channel", "EMAIL");
    String subject = MailText.oneLine(mail.subject(), InputRules.SHORT_TEXT);
    variables.put("subject", subject.isBlank() ? NO_SUBJECT : subject);
    String text = mail.text() == null || mail.text().isBlank() ? NO_TEXT : mail.text();
    variables.put("description", shortened(text, MAX_DESCRIPTION, mail, keptIn, maxAttachmentBytes, extra));
    ProcessInstance instance = runtime.startProcessInstanceByKey("service-request", variables);
    String ticketId = instance.getBusinessKey();
    if (ticketId == null) {
      ticketId = (String) runtime.getVariable(instance.getId(), "ticketId");
    }
    return new Outcome(MailIntakeRecords.NEW_TICKET, ticketId);
  }

  private Outcome appendReply(Ticket ticket, IncomingMail mail, String keptIn, long maxAttachmentBytes,
      List<IncomingMail.Attachment> extra) {
    boolean fromRequester = mail.senderAddress() != null && mail.senderAddress().equalsIgnoreCase(ticket.requesterEmail());
    String text = mail.text() == null || mail.text().isBlank() ? NO_TEXT : MailText.withoutQuotedHistory(mail.text());
    String entry = "Reply by email from " + mail.senderDisplay() + (fromRequester ? "" : " (not the ticket's requester)")
        + "\nSubject: " + MailText.oneLine(mail.subject(), InputRules.SHORT_TEXT) + "\n\n" + text;
    journal.record(ticket.ticketId(), ACTOR, EMAIL_REPLY,
        shortened(entry, MAX_REPLY, mail, keptIn, maxAttachmentBytes, extra));
    return new Outcome(MailIntakeRecords.REPLY, ticket.ticketId());
  }

  /**
   * The text within {@code max} characters. A longer text is cut with a note, and the mail's whole
   * text (as far as it was read) is kept with the ticket as {@value #FULL_TEXT} when it fits the
   * attachment limit.
   */
  private static String shortened(String text, int max, IncomingMail mail, String keptIn, long maxAttachmentBytes,
      List<IncomingMail.Attachment> extra) {
    if (text.length() <= max && !mail.textCut()) {
      return text;
    }
    byte[] full = mail.text().getBytes(StandardCharsets.UTF_8);
    boolean attached = full.length <= maxAttachmentBytes;
    if (attached) {
      extra.add(new IncomingMail.Attachment(FULL_TEXT, "text/plain", full));
    }
    String note = "[Text shortened to " + max + " characters. "
        + (attached ? "The mail's text" + (mail.textCut() ? " (its first " + mail.text().length() + " characters)" : "")
            + " is attached as " + FULL_TEXT + "; the" : "The")
        + " whole mail is kept in the mailbox folder '" + keptIn + "'.]";
    return MailText.bounded(text, max, true, note);
  }

  private void storeAttachments(String ticketId, IncomingMail mail, List<IncomingMail.Attachment> extra) {
    List<IncomingMail.Attachment> kept = new ArrayList<>(mail.attachments());
    kept.addAll(extra);
    kept.forEach(a -> attachments.add(ticketId, mail.key(), a));
    if (kept.isEmpty() && mail.dropped().isEmpty()) {
      return;
    }
    StringBuilder note = new StringBuilder("Attachments of the mail from ").append(mail.senderDisplay()).append(':');
    for (IncomingMail.Attachment a : kept) {
      note.append("\n- kept: ").append(a.fileName()).append(" (").append(a.contentType()).append(", ")
          .append(MailText.size(a.content().length)).append(')');
    }
    for (IncomingMail.Dropped d : mail.dropped()) {
      note.append("\n- dropped, not stored: ").append(d.fileName()).append(" (").append(d.reason()).append(')');
    }
    journal.record(ticketId, ACTOR, ATTACHMENTS, note.toString());
  }
}
