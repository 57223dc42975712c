package io.opsdesk.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.TicketJournal;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the queued mails (plain text, UTF-8) with Spring's {@link JavaMailSender}
 * ({@code spring.mail.*}), {@code opsdesk.notify.batch-size} at a time: one claim, one connection to
 * the server and one transaction recording the outcomes per batch. Rows are claimed before they are
 * sent, so several senders (threads, cluster nodes) never send one row twice; a sender that dies
 * after sending leaves at most its batch to be sent again once the claim runs out. A failed attempt
 * is retried later, the wait doubling from {@code opsdesk.notify.initial-backoff} up to
 * {@code max-backoff}; after {@code max-attempts} the mail is FAILED. A mail that cannot be sent for
 * a reason of its own (no valid message, or refused by the server for good) is FAILED at once with
 * that reason, and the others go on. The ticket's journal gets one line per mail, its outcome (sent,
 * or failed for good); the failed attempts and their reasons go to the log. When the server as a
 * whole fails (unreachable, login refused) the run ends after that one attempt: the other mails keep
 * their attempts for the next run instead of each waiting for the same timeout. {@link SenderThread}
 * runs it when scheduling is on; tests call {@link #sendDue()}.
 */
@Component
public class NotificationSender {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);

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

  /** One run in the background ({@link SenderThread}): a failure is logged, and the next run tries again. */
  void run(boolean purge) {
    try {
      sendDue();
      if (purge) {
        outbox.purgeSent(EngineClock.now().minus(properties.getKeepSent()));
      }
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
    while (true) {
      String token = UUID.randomUUID().toString();
      Instant now = EngineClock.now();
      List<Outbox.Notice> claimed = outbox.claimDue(token, now, now.plus(properties.getClaimTimeout()),
          properties.getBatchSize());
      if (claimed.isEmpty()) {
        break;
      }
      Batch batch = deliver(sender, claimed, token);
      sent += batch.sent();
      if (batch.serverFailed()) {
        // The next mails would only wait for the same server (up to its timeouts): try again next run.
        break;
      }
      if (claimed.size() < properties.getBatchSize()) {
        break;
      }
    }
    return sent;
  }

  private record Batch(int sent, boolean serverFailed) {
  }

  /**
   * Sends the claimed mails over one connection to the server and records each outcome. A mail that
   * cannot be made into a message, or that the server refuses, fails on its own; when the server as
   * a whole fails, the first mail it failed counts the attempt and those it never took are handed
   * back untried.
   */
  private Batch deliver(JavaMailSender sender, List<Outbox.Notice> claimed, String token) {
    Map<MimeMessage, Outbox.Notice> prepared = new LinkedHashMap<>();
    for (Outbox.Notice notice : claimed) {
      try {
        prepared.put(message(sender, notice), notice);
      } catch (MailPreparationException e) {
        failed(notice, token, secrets.describe(e), true);
      }
    }
    Map<Object, Exception> failures = Map.of();
    if (!prepared.isEmpty()) {
      try {
        sender.send(prepared.keySet().toArray(MimeMessage[]::new));
      } catch (MailSendException e) {
        failures = e.getFailedMessages();
      } catch (RuntimeException e) { // login refused and the like: nothing was sent
        failures = new IdentityHashMap<>();
        for (MimeMessage message : prepared.keySet()) {
          failures.put(message, e);
        }
      }
    }
    List<Outbox.Notice> delivered = new ArrayList<>();
    List<Long> untried = new ArrayList<>();
    Set<Exception> serverFailures = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<MimeMessage, Outbox.Notice> entry : prepared.entrySet()) {
      Outbox.Notice notice = entry.getValue();
      Exception failure = failures.get(entry.getKey());
      if (failure == null) {
        delivered.add(notice);
      } else if (refusedMail(failure)) {
        failed(notice, token, secrets.describe(failure), refusedForGood(failure));
      } else if (serverFailures.add(failure)) {
        failed(notice, token, secrets.describe(failure), false);
      } else {
        untried.add(notice.id()); // failed with the same connection as the one before: never reached the server
      }
    }
    if (!untried.isEmpty()) {
      outbox.release(untried, token);
    }
    recordSent(delivered, token);
    return new Batch(delivered.size(), !serverFailures.isEmpty());
  }

  private void recordSent(List<Outbox.Notice> delivered, String token) {
    if (delivered.isEmpty()) {
      return;
    }
    transactions.executeWithoutResult(status -> {
      Set<Long> held = new HashSet<>(outbox.sent(delivered.stream().map(Outbox.Notice::id).toList(), token,
          EngineClock.now()));
      for (Outbox.Notice notice : delivered) {
        if (held.contains(notice.id())) {
          record(notice, "MAIL_SENT", "Mail '" + notice.template() + "' sent to " + notice.recipient()
              + (notice.attempts() > 1 ? " (attempt " + notice.attempts() + ")" : ""));
        }
      }
    });
  }

  /**
   * True when the server refused this mail (a recipient, say) rather than failing as a whole
   * (unreachable, login refused): then the other mails are still worth trying now.
   */
  private static boolean refusedMail(Throwable failure) {
    return cause(failure, SendFailedException.class) != null;
  }

  /** A refusal with a permanent SMTP reply (5xx, RFC 5321): trying again later would get the same answer. */
  private static boolean refusedForGood(Throwable failure) {
    SMTPAddressFailedException address = cause(failure, SMTPAddressFailedException.class);
    SMTPSendFailedException send = cause(failure, SMTPSendFailedException.class);
    int code = address != null ? address.getReturnCode() : send != null ? send.getReturnCode() : 0;
    return code >= 500 && code < 600;
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t instanceof MessagingException messaging && messaging.getNextException() != null
          && messaging.getNextException() != t.getCause()) {
        T next = cause(messaging.getNextException(), type);
        if (next != null) {
          return next;
        }
      }
    }
    return null;
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
      message.saveChanges(); // a mail its content breaks fails here, on its own, not in the middle of a batch
      return message;
    } catch (MessagingException e) {
      throw new MailPreparationException(e.getMessage(), e);
    }
  }

  private void record(Outbox.Notice notice, String kind, String text) {
    if (notice.ticketId() != null) {
      journal.record(notice.ticketId(), TicketJournal.SYSTEM, kind, text);
    }
  }
}
