package io.opsdesk.notify;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the queued mails (plain text, UTF-8) with Spring's {@link JavaMailSender}
 * ({@code spring.mail.*}). Each row is claimed before it is sent, so several senders (threads,
 * cluster nodes) never send one row twice. A failed attempt is retried later, the wait doubling
 * from {@code opsdesk.notify.initial-backoff} up to {@code max-backoff}; after
 * {@code max-attempts} the mail is FAILED. The ticket's journal gets one line per mail, its outcome
 * (sent, or failed for good); the failed attempts and their reasons go to the log. When the
 * server as a whole fails (unreachable, login refused) the run ends after that one attempt: the
 * other mails keep their attempts for the next run instead of each waiting for the same timeout.
 * Runs every {@code opsdesk.notify.send-interval} when scheduling is on; tests call {@link #sendDue()}.
 */
@Component
public class NotificationSender {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
  private static final int MAX_ROUNDS = 20;

  private final Outbox outbox;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final TicketJournal journal;
  private final TransactionTemplate transactions;
  private final NotifyProperties properties;
  private final MailSecrets secrets;

  public NotificationSender(Outbox outbox, ObjectProvider<JavaMailSender> mailSender, TicketJournal journal,
      PlatformTransactionManager transactionManager, NotifyProperties properties, MailSecrets secrets) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.journal = journal;
    this.transactions = new TransactionTemplate(transactionManager);
    this.properties = properties;
    this.secrets = secrets;
  }

  @Scheduled(fixedDelayString = "${opsdesk.notify.send-interval:PT10S}", initialDelayString = "${opsdesk.notify.send-interval:PT10S}")
  public void scheduledRun() {
    try {
      sendDue();
      outbox.purgeSent(EngineClock.now().minus(properties.getKeepSent()));
    } catch (RuntimeException e) {
      LOG.warn("Sending notifications failed: {}", secrets.redact(String.valueOf(e.getMessage())));
    }
  }

  /** Sends every mail that is due now; answers how many went out. */
  public int sendDue() {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      LOG.debug("No mail server configured (spring.mail.host): notifications stay queued");
      return 0;
    }
    int sent = 0;
    Set<Long> tried = new HashSet<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<Long> due = outbox.due(EngineClock.now(), properties.getBatchSize());
      boolean progress = false;
      for (Long id : due) {
        if (tried.add(id)) {
          progress = true;
          Outcome outcome = attempt(sender, id);
          if (outcome == Outcome.SENT) {
            sent++;
          } else if (outcome == Outcome.SERVER_FAILED) {
            // The next mails would only wait for the same server (up to its timeouts): try again next run.
            return sent;
          }
        }
      }
      if (!progress || due.size() < properties.getBatchSize()) {
        break;
      }
    }
    return sent;
  }

  private enum Outcome { SENT, TAKEN, MAIL_FAILED, SERVER_FAILED }

  private Outcome attempt(JavaMailSender sender, long id) {
    String token = UUID.randomUUID().toString();
    Instant now = EngineClock.now();
    Optional<Outbox.Notice> claimed = outbox.claim(id, token, now, now.plus(properties.getClaimTimeout()));
    if (claimed.isEmpty()) {
      return Outcome.TAKEN; // another sender has it
    }
    Outbox.Notice notice = claimed.get();
    try {
      sender.send(message(sender, notice));
    } catch (RuntimeException e) {
      boolean permanent = e instanceof MailParseException || e instanceof MailPreparationException;
      failed(notice, token, secrets.describe(e), permanent);
      return permanent || aboutThisMail(e) ? Outcome.MAIL_FAILED : Outcome.SERVER_FAILED;
    }
    transactions.executeWithoutResult(status -> {
      if (outbox.sent(notice.id(), token, EngineClock.now())) {
        record(notice, "MAIL_SENT", "Mail '" + notice.template() + "' sent to " + notice.recipient()
            + (notice.attempts() > 1 ? " (attempt " + notice.attempts() + ")" : ""));
      }
    });
    return Outcome.SENT;
  }

  /**
   * True when the server refused this mail (a recipient, say) rather than failing as a whole
   * (unreachable, login refused): then the other mails are still worth trying now.
   */
  private static boolean aboutThisMail(RuntimeException e) {
    if (e instanceof MailSendException send) {
      for (Exception failure : send.getFailedMessages().values()) {
        if (refusedMail(failure)) {
          return true;
        }
      }
    }
    return refusedMail(e);
  }

  private static boolean refusedMail(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SendFailedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Retries are the log's business only; the journal, which people read to follow the ticket, hears
   * of a failure once it is final, and without the technical reason (that is in the log and the outbox).
   */
  private void failed(Outbox.Notice notice, String token, String error, boolean permanent) {
    int attempt = notice.attempts();
    int max = properties.getMaxAttempts();
    if (permanent || attempt >= max) {
      transactions.executeWithoutResult(status -> {
        if (outbox.failed(notice.id(), token, error)) {
          record(notice, "MAIL_FAILED", "Mail '" + notice.template() + "' to " + notice.recipient() + " could not be sent"
              + (permanent ? "" : " (" + attempt + " attempts)") + "; the reason is in the application log");
        }
      });
      LOG.error("Mail {} '{}' for ticket {} failed for good at attempt {} of {}: {}", notice.id(), notice.template(),
          notice.ticketId(), attempt, max, error);
    } else {
      Instant next = EngineClock.now().plus(properties.backoffAfter(attempt));
      outbox.retryAt(notice.id(), token, next, error);
      LOG.warn("Mail {} '{}' for ticket {}: attempt {} of {} failed, next at {}: {}", notice.id(), notice.template(),
          notice.ticketId(), attempt, max, next, error);
    }
  }

  private MimeMessage message(JavaMailSender sender, Outbox.Notice notice) {
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(properties.getFrom());
      if (properties.getReplyTo() != null && !properties.getReplyTo().isBlank()) {
        helper.setReplyTo(properties.getReplyTo());
      }
      helper.setTo(notice.recipient());
      helper.setSubject(notice.subject());
      helper.setText(notice.body(), false); // text/plain, always
      helper.setSentDate(Date.from(EngineClock.now()));
      // RFC 3834: an automatic mail; auto-responders (and our own mail intake) should not answer it.
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-OpsDesk-Notification", notice.template());
      if (notice.ticketId() != null) {
        message.setHeader("X-OpsDesk-Ticket", notice.ticketId());
      }
      return message;
    } catch (jakarta.mail.MessagingException e) {
      throw new MailPreparationException(e.getMessage(), e);
    }
  }

  private void record(Outbox.Notice notice, String kind, String text) {
    if (notice.ticketId() != null) {
      journal.record(notice.ticketId(), TicketJournal.SYSTEM, kind, text);
    }
  }
}
