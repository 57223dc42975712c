package io.opsdesk.mailbox;

import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/** The service desk's mailbox on the tests' GreenMail server, seen from outside: deliver, list, empty. */
final class TestMailbox {

  private final GreenMail mail;
  private final String user;
  private final String password;

  TestMailbox(GreenMail mail, String user, String password) {
    this.mail = mail;
    this.user = user;
    this.password = password;
  }

  /** Puts a raw RFC 822 mail into the inbox as it is (Message-ID and all). */
  void deliver(String raw) {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
      mail.getUserManager().getUser(user).deliver(message);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Subjects of the mails in a folder (none when it does not exist). */
  List<String> subjects(String folderName) {
    return withStore(store -> {
      Folder folder = store.getFolder(folderName);
      List<String> subjects = new ArrayList<>();
      if (!folder.exists()) {
        return subjects;
      }
      folder.open(Folder.READ_ONLY);
      for (Message m : folder.getMessages()) {
        if (!m.isSet(Flags.Flag.DELETED)) {
          subjects.add(subject(m));
        }
      }
      folder.close(false);
      return subjects;
    });
  }

  /** The Subject header as sent: read from the headers, not the envelope, which fails for some mails. */
  private static String subject(Message message) throws MessagingException {
    String[] subject = message.getHeader("Subject");
    try {
      return subject == null ? null : MimeUtility.decodeText(MimeUtility.unfold(subject[0]));
    } catch (UnsupportedEncodingException e) {
      return subject[0];
    }
  }

    /** Moves every mail of one folder into another, as a person does in a mail client. */
  void moveAll(String from, String to) {
    withStore(store -> {
      Folder source = store.getFolder(from);
      source.open(Folder.READ_WRITE);
      Folder target = store.getFolder(to);
      if (!target.exists()) {
        target.create(Folder.HOLDS_MESSAGES);
      }
      Message[] all = source.getMessages();
      source.copyMessages(all, target);
      for (Message m : all) {
        m.setFlag(Flags.Flag.DELETED, true);
      }
      source.close(true);
      return null;
    });
  }

  /** Empties the given folders of this mailbox only (other tests' mailboxes stay as they are). */
  void empty(String... folderNames) {
    withStore(store -> {
      for (String name : folderNames) {
        Folder folder = store.getFolder(name);
        if (folder.exists()) {
          folder.open(Folder.READ_WRITE);
          for (Message m : folder.getMessages()) {
            m.setFlag(Flags.Flag.DELETED, true);
          }
          folder.close(true);
        }
      }
      return null;
    });
  }

  private interface StoreWork<T> {
    T run(Store store) throws MessagingException;
  }

  private <T> T withStore(StoreWork<T> work) {
    try {
      Store store = Session.getInstance(new Properties()).getStore("imap");
      store.connect("127.0.0.1", mail.getImap().getPort(), user, password);
      try {
        return work.run(store);
      } finally {
        store.close();
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- raw mails -------------------------------------------------------------------------------

  static String plain(String messageId, String from, String subject, String body) {
    return headers(messageId, from, subject)
        + "Content-Type: text/plain; charset=UTF-8\n"
        + "Content-Transfer-Encoding: 8bit\n\n"
        + body + "\n";
  }

  static String html(String messageId, String from, String subject, String html) {
    return headers(messageId, from, subject)
        + "Content-Type: text/html; charset=UTF-8\n"
        + "Content-Transfer-Encoding: 8bit\n\n"
        + html + "\n";
  }

  /** A text body with attachments given as file name, content type, bytes (alternating). */
  static String withAttachments(String messageId, String from, String subject, String body, Object... files) {
    String boundary = "=_opsdesk_test_boundary";
    StringBuilder raw = new StringBuilder(headers(messageId, from, subject))
        .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\n\n")
        .append("--").append(boundary).append('\n')
        .append("Content-Type: text/plain; charset=UTF-8\n")
        .append("Content-Transfer-Encoding: 8bit\n\n")
        .append(body).append('\n');
    for (int i = 0; i < files.length; i += 3) {
      raw.append("--").append(boundary).append('\n')
          .append("Content-Type: ").append(files[i + 1]).append("; name=\"").append(files[i]).append("\"\n")
          .append("Content-Disposition: attachment; filename=\"").append(files[i]).append("\"\n")
          .append("Content-Transfer-Encoding: base64\n\n")
          .append(Base64.getMimeEncoder().encodeToString((byte[]) files[i + 2])).append('\n');
    }
    return raw.append("--").append(boundary).append("--\n").toString();
  }

  static String headers(String messageId, String from, String subject) {
    return (messageId == null ? "" : "Message-ID: " + messageId + "\n")
        + "From: " + from + "\n"
        + "To: servicedesk@example.com\n"
        + (subject == null ? "" : "Subject: " + subject + "\n")
        + "Date: Mon, 2 Mar 2026 09:15:00 +0800\n"
        + "MIME-Version: 1.0\n";
  }
}
