package io.opsdesk.mailbox;

import java.io.IOException;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;

import io.opsdesk.ticket.InvalidInputException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the configured mailbox over IMAP(S): each new mail becomes a service request (channel
 * EMAIL) or, when its subject names an existing ticket, an entry of that ticket's journal; then the
 * mail moves to the processed folder. A mail that cannot be processed moves to the failed folder
 * (never deleted) and the failure is recorded and shown by the health endpoint.
 *
 * <p>Each mail is read and handled in a guarded step of its own: a mail the mail library cannot
 * read (an envelope it cannot parse, a broken structure) is set aside by its UID, without being read
 * again, and the next mails of the same poll go on. Only a lost connection ends the poll.
 *
 * <p>Order of work per mail: read → one transaction (mail_intake row + ticket or reply +
 * attachments) → move. A crash between commit and move leaves the mail in the inbox with a
 * PROCESSED row; the next poll only moves it.
 */
@Component
@Conditional(MailboxConfigured.class)
public class MailboxPoller {

  private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

  /** A mail failing for a passing reason (database, engine) is tried this often before it is set aside. */
  static final int MAX_ATTEMPTS = 3;

  private final MailboxProperties properties;
  private final MailIntake intake;
  private final MailIntakeRecords records;
  private final MailboxState state;

  public MailboxPoller(MailboxProperties properties, MailIntake intake, MailIntakeRecords records, MailboxState state) {
    this.properties = properties;
    this.intake = intake;
    this.records = records;
    this.state = state;
  }

  @Scheduled(fixedDelayString = "${opsdesk.mailbox.poll-interval:1m}",
      initialDelayString = "${opsdesk.mailbox.initial-delay:20s}")
  public void scheduledPoll() {
    poll();
  }

  /** One pass over the inbox. Never throws: a failed poll is logged and shown by the health endpoint. */
  public synchronized PollResult poll() {
    PollResult result = new PollResult();
    Store store = null;
    Folder inbox = null;
    try {
      store = session().getStore(properties.getProtocol());
      store.connect(properties.getHost(), properties.effectivePort(), properties.getUsername(), properties.getPassword());
      Folder processed = ensureFolder(store, properties.getProcessedFolder());
      Folder failed = ensureFolder(store, properties.getFailedFolder());
      inbox = store.getFolder(properties.getFolder());
      inbox.open(Folder.READ_WRITE);
      int count = inbox.getMessageCount();
      if (count > 0) {
        Message[] messages = inbox.getMessages(1, Math.min(count, Math.max(1, properties.getMaxMessagesPerPoll())));
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add("Message-ID");
        prefetch(inbox, messages, profile);
        MailReader reader = new MailReader(properties.getMaxAttachmentBytes().toBytes(),
            properties.getMaxAttachmentsBytes().toBytes());
        for (Message message : messages) {
          if (!message.isExpunged()) {
            step(message, reader, processed, failed, result);
          }
        }
      }
      inbox.close(true); // expunges what was copied away where the server cannot MOVE
      inbox = null;
      result.inFailedFolder = failed.getMessageCount();
    } catch (MessagingException | RuntimeException e) {
      result.error = describe(e);
      log.warn("Polling {} failed: {}", properties, result.error);
    } finally {
      closeQuietly(inbox, store);
      state.record(result);
    }
    if (result.seen > 0) {
      log.info("Polled {}: {}", properties, result);
    }
    return result;
  }

  /** Fetches what every mail needs in one round trip; when that fails, each mail loads its own in {@link #step}. */
  private void prefetch(Folder inbox, Message[] messages, FetchProfile profile) throws MessagingException {
    try {
      inbox.fetch(messages, profile);
    } catch (MessagingException | RuntimeException e) {
      rethrowIfConnectionLost(e);
      log.warn("Fetching the envelopes of {} mails at once failed ({}); each mail is read on its own", messages.length,
          describe(e));
    }
  }

  /**
   * One mail, guarded: whatever it throws, except a lost connection, stops only this mail. A failure
   * of the mail (library) sets it aside at once; a failure of something else (the database) lets it
   * be tried again like any passing failure.
   */
  private void step(Message message, MailReader reader, Folder processed, Folder failed, PollResult result)
      throws MessagingException {
    try {
      if (message.isSet(Flags.Flag.DELETED)) {
        return;
      }
      result.seen++;
      handle(message, reader, processed, failed, result);
    } catch (MessagingException | RuntimeException e) {
      rethrowIfConnectionLost(e);
      setAside(message, "cannot be handled: " + describe(e), !(e instanceof DataAccessException), failed, result);
    }
  }

  private void handle(Message message, MailReader reader, Folder processed, Folder failed, PollResult result)
      throws MessagingException {
    String key;
    String messageId;
    try {
      key = MailReader.keyOf(message);
      messageId = MailReader.messageId(message);
    } catch (MessagingException | RuntimeException e) {
      rethrowIfConnectionLost(e);
      setAside(message, "cannot be read: " + describe(e), true, failed, result);
      return;
    }
    if (records.find(key).filter(MailIntakeRecords.MailRecord::processed).isPresent()) {
      result.alreadyProcessed++;
      moveProcessed(message, processed, key, result);
      return;
    }
    IncomingMail mail;
    try {
      mail = reader.read(message, key);
    } catch (MessagingException | IOException | RuntimeException e) {
      rethrowIfConnectionLost(e);
      fail(message, FailedMail.of(message, key, messageId), "Mail cannot be read: " + describe(e), true,
          failed, result);
      return;
    }
    MailIntake.Outcome outcome;
    try {
      outcome = intake.accept(mail, properties.getProcessedFolder(), properties.getMaxAttachmentBytes().toBytes());
    } catch (MailIntakeRecords.AlreadyProcessedException e) {
      result.alreadyProcessed++;
      moveProcessed(message, processed, key, result);
      return;
    } catch (RuntimeException e) {
      InvalidInputException refused = refusal(e);
      if (refused != null) {
        fail(message, FailedMail.of(message, key, messageId), refused.getMessage(), true, failed, result);
      } else {
        fail(message, FailedMail.of(message, key, messageId), "Processing failed: " + describe(e), false,
            failed, result);
      }
      return;
    }
    if (MailIntakeRecords.NEW_TICKET.equals(outcome.kind())) {
      result.newTickets++;
      log.info("Mail {} from {} opened ticket {}", messageId, mail.senderAddress(), outcome.ticketId());
    } else {
      result.replies++;
      log.info("Mail {} from {} added to the journal of ticket {}", messageId, mail.senderAddress(), outcome.ticketId());
    }
    moveProcessed(message, processed, key, result);
  }

  /**
   * Sets aside a mail that cannot be read: it is known by its UID only (its headers are not read
   * again, they may fail the same way), recorded under a key made of the folder, its UIDVALIDITY and
   * the UID, and moved by its number in the folder.
   */
  private void setAside(Message message, String reason, boolean permanent, Folder failed, PollResult result)
      throws MessagingException {
    Folder inbox = message.getFolder();
    long uid = ((UIDFolder) inbox).getUID(message);
    String key = "uid:" + MailReader.sha256(inbox.getFullName() + "\n" + ((UIDFolder) inbox).getUIDValidity() + "\n" + uid);
    fail(message, new FailedMail(key, null, null, null, "UID " + uid),
        "Mail UID " + uid + " in " + inbox.getFullName() + " " + reason, permanent, failed, result);
  }

  /**
   * Records the failure; a mail failing for good (or too often) moves to the failed folder, one
   * failing for a passing reason stays in the inbox for the next poll. When not even the failure can
   * be recorded (database down), the mail stays in the inbox too. Each outcome is one log line.
   */
  private void fail(Message message, FailedMail mail, String reason, boolean permanent, Folder failed,
      PollResult result) {
    int attempts;
    try {
      attempts = records.failed(mail.key(), mail.messageId(), mail.sender(), mail.subject(), reason);
    } catch (RuntimeException e) {
      result.retrying++;
      log.error("Mail {} failed ({}) and the failure cannot be recorded ({}); it stays in {}", mail.label(), reason,
          describe(e), properties.getFolder());
      return;
    }
    if (!permanent && attempts < MAX_ATTEMPTS) {
      result.retrying++;
      log.warn("Mail {} failed (attempt {} of {}), stays in {}: {}", mail.label(), attempts, MAX_ATTEMPTS, properties.getFolder(), reason);
      return;
    }
    try {
      move(message, failed);
      result.failed++;
      log.warn("Mail {} could not be turned into a ticket and was moved to {}: {}", mail.label(), failed.getFullName(),
          reason);
    } catch (MessagingException | RuntimeException e) {
      result.retrying++;
      log.warn("Mail {} failed ({}) and could not be moved to {} ({}); it stays in {}", mail.label(), reason,
          failed.getFullName(), describe(e), properties.getFolder());
    }
  }

  /** A failed mail as recorded ({@code key} and what is known of it) and as named in the log. */
  private record FailedMail(String key, String messageId, String sender, String subject, String label) {

    static FailedMail of(Message message, String key, String messageId) {
      String[] senderAndSubject = MailReader.senderAndSubject(message);
      return new FailedMail(key, messageId, senderAndSubject[0], senderAndSubject[1],
          messageId + " from " + senderAndSubject[0]);
    }
  }

  private void moveProcessed(Message message, Folder processed, String key, PollResult result) {
    try {
      move(message, processed);
    } catch (MessagingException | RuntimeException e) {
      result.notMoved++;
      log.warn("Mail {} is processed but could not be moved to {} ({}); the next poll moves it", key,
          processed.getFullName(), describe(e));
    }
  }

  /** Moves one mail: IMAP MOVE where the server has it, else copy and mark deleted (expunged at close). */
  protected void move(Message message, Folder target) throws MessagingException {
    Folder source = message.getFolder();
    Message[] one = {message};
    if (source instanceof IMAPFolder imap && source.getStore() instanceof IMAPStore store && store.hasCapability("MOVE")) {
      imap.moveMessages(one, target);
    } else {
      source.copyMessages(one, target);
      message.setFlag(Flags.Flag.DELETED, true);
    }
  }

  private static Folder ensureFolder(Store store, String name) throws MessagingException {
    Folder folder = store.getFolder(name);
    if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
      throw new MessagingException("Cannot create mailbox folder " + name);
    }
    return folder;
  }

  private Session session() {
    String p = properties.getProtocol();
    Properties props = new Properties();
    String timeout = String.valueOf(properties.getTimeout().toMillis());
    props.put("mail.store.protocol", p);
    props.put("mail." + p + ".connectiontimeout", timeout);
    props.put("mail." + p + ".timeout", timeout);
    props.put("mail." + p + ".writetimeout", timeout);
    if (properties.isSecure()) {
      props.put("mail.imaps.ssl.checkserveridentity", "true");
    }
    props.putAll(properties.getProperties());
    return Session.getInstance(props);
  }

  /** A lost connection ends the poll: the mail stays in the inbox and the next poll reads it again. */
  private static void rethrowIfConnectionLost(Exception e) throws MessagingException {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FolderClosedException || t instanceof StoreClosedException) {
        throw (MessagingException) t;
      }
    }
  }

  private static InvalidInputException refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException refused) {
        return refused;
      }
    }
    return null;
  }

  /** An exception in one line, without stack trace (the mailbox password never appears in one). */
  static String describe(Throwable e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    if (cause != null && cause != e && (message == null || !message.contains(String.valueOf(cause.getMessage())))) {
      text += " (" + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
    }
    return MailText.oneLine(text, 1000);
  }

  private static void closeQuietly(Folder inbox, Store store) {
    try {
      if (inbox != null && inbox.isOpen()) {
        inbox.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      // closing anyway
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException | RuntimeException e) {
      // closing anyway
    }
  }
}
