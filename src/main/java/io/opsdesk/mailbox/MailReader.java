package io.opsdesk.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads a mail into an {@link IncomingMail}, within bounds: text is read only up to a limit (a huge
 * body does not fill the memory), attachments only up to the per-attachment and per-mail limits.
 */
final class MailReader {

  /** Characters of plain text read at most; the description keeps far fewer. */
  static final int MAX_TEXT_CHARS = 100_000;
  /** Characters of HTML read at most (markup takes room). */
  static final int MAX_HTML_CHARS = 1_000_000;
  private static final int MAX_DEPTH = 20;
  private static final int MAX_PARTS = 200;

  private final long maxAttachmentBytes;
  private final long maxAttachmentsBytes;

  MailReader(long maxAttachmentBytes, long maxAttachmentsBytes) {
    this.maxAttachmentBytes = maxAttachmentBytes;
    this.maxAttachmentsBytes = maxAttachmentsBytes;
  }

  /**
   * The mail's identity across copies and restarts: its Message-ID, or without one a hash of its
   * From, Date and Subject headers. Hashed, so that the key has a fixed length.
   */
  static String keyOf(Message message) throws MessagingException {
    String messageId = messageId(message);
    if (messageId != null) {
      return "mid:" + sha256(messageId);
    }
    return "hdr:" + sha256(header(message, "From") + "\n" + header(message, "Date") + "\n" + header(message, "Subject"));
  }

  static String messageId(Message message) throws MessagingException {
    String id = message instanceof MimeMessage mime ? mime.getMessageID() : header(message, "Message-ID");
    return id == null || id.isBlank() ? null : id.strip();
  }

  /** Sender and subject for records and logs, also of mails that cannot be read further. */
  static String[] senderAndSubject(Message message) {
    String sender = null;
    String subject = null;
    try {
      Address[] from = message.getFrom();
      sender = from == null || from.length == 0 ? null
          : from[0] instanceof InternetAddress ia ? ia.getAddress() : from[0].toString();
    } catch (MessagingException | RuntimeException e) {
      sender = headerQuietly(message, "From");
    }
    try {
      subject = message.getSubject();
    } catch (MessagingException | RuntimeException e) {
      subject = headerQuietly(message, "Subject");
    }
    return new String[] {sender, subject};
  }

  IncomingMail read(Message message, String key) throws MessagingException, IOException {
    String address = null;
    String name = null;
    Address[] from = message.getFrom();
    if (from != null && from.length > 0) {
      if (from[0] instanceof InternetAddress ia) {
        address = ia.getAddress();
        name = ia.getPersonal();
      } else {
        address = from[0].toString();
      }
    }
    Walk walk = new Walk();
    walk.visit(message, 0);
    String text;
    boolean cut;
    if (!walk.plain.toString().isBlank()) {
      text = walk.plain.toString().replace("\r\n", "\n").replace('\r', '\n').strip();
      cut = walk.plainCut;
    } else {
      text = HtmlText.toText(walk.html.toString());
      cut = walk.htmlCut;
    }
    return new IncomingMail(key, messageId(message), address == null ? null : address.strip(),
        name == null ? null : name.strip(), message.getSubject(), text, cut,
        List.copyOf(walk.attachments), List.copyOf(walk.dropped));
  }

  /** Walks the MIME tree once: text parts into the body, the rest into attachments. */
  private final class Walk {
    final StringBuilder plain = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    boolean plainCut;
    boolean htmlCut;
    final List<IncomingMail.Attachment> attachments = new ArrayList<>();
    final List<IncomingMail.Dropped> dropped = new ArrayList<>();
    long kept;
    int parts;

    void visit(Part part, int depth) throws MessagingException, IOException {
      if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
        throw new MessagingException("MIME structure too large or too deeply nested");
      }
      if (part.isMimeType("multipart/*")) {
        Object content = part.getContent();
        if (!(content instanceof Multipart multipart)) {
          throw new MessagingException("Broken multipart structure (" + safeType(part) + ")");
        }
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          visit(child, depth + 1);
        }
        return;
      }
      String fileName = fileName(part);
      boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
      if (!attachment && part.isMimeType("text/plain")) {
        if (!plain.isEmpty()) {
          plain.append("\n\n");
        }
        plainCut |= readText(part, plain, MAX_TEXT_CHARS);
      } else if (!attachment && part.isMimeType("text/html")) {
        if (!html.isEmpty()) {
          html.append("<br>");
        }
        htmlCut |= readText(part, html, MAX_HTML_CHARS);
      } else {
        attachment(part, fileName != null ? fileName : defaultName(part));
      }
    }

    /** Appends the part's text up to {@code max} characters in total; true when there was more. */
    boolean readText(Part part, StringBuilder into, int max) throws MessagingException, IOException {
      if (into.length() >= max) {
        return true;
      }
      try (InputStream in = part.getInputStream();
           Reader reader = new InputStreamReader(in, charset(part).newDecoder()
               .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) > 0) {
          int room = max - into.length();
          if (n > room) {
            into.append(buffer, 0, room);
            return true;
          }
          into.append(buffer, 0, n);
        }
        return false;
      }
    }

    void attachment(Part part, String fileName) throws MessagingException, IOException {
      long limit = Math.min(maxAttachmentBytes, Integer.MAX_VALUE - 16);
      byte[] content;
      try (InputStream in = part.getInputStream()) {
        content = in.readNBytes((int) limit + 1);
        if (content.length > limit) {
          dropped.add(new IncomingMail.Dropped(fileName,
              "larger than " + MailText.size(maxAttachmentBytes) + ", the limit per attachment"));
          return;
        }
      }
      if (kept + content.length > maxAttachmentsBytes) {
        dropped.add(new IncomingMail.Dropped(fileName, MailText.size(content.length) + ", over the limit of "
            + MailText.size(maxAttachmentsBytes) + " of attachments per mail"));
        return;
      }
      kept += content.length;
      attachments.add(new IncomingMail.Attachment(fileName, baseType(part), content));
    }
  }

  private static String fileName(Part part) {
    try {
      String name = part.getFileName();
      if (name == null || name.isBlank()) {
        return null;
      }
      try {
        name = MimeUtility.decodeText(name);
      } catch (IOException | RuntimeException e) {
        // keep it as it came
      }
      // Only the last path element; no control characters.
      name = name.replace('\\', '/');
      name = name.substring(name.lastIndexOf('/') + 1);
      name = MailText.oneLine(name, 255);
      return name.isBlank() || name.equals(".") || name.equals("..") ? null : name;
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String defaultName(Part part) {
    String type = baseType(part);
    if (type.equals("message/rfc822")) {
      return "attached-message.eml";
    }
    String extension = switch (type) {
      case "text/plain" -> ".txt";
      case "text/html" -> ".html";
      case "image/png" -> ".png";
      case "image/jpeg" -> ".jpg";
      case "image/gif" -> ".gif";
      case "application/pdf" -> ".pdf";
      default -> ".bin";
    };
    return "attachment" + extension;
  }

  private static String baseType(Part part) {
    try {
      return MailText.oneLine(new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT), 255);
    } catch (MessagingException | RuntimeException e) {
      return "application/octet-stream";
    }
  }

  private static String safeType(Part part) {
    try {
      return MailText.oneLine(part.getContentType(), 100);
    } catch (MessagingException e) {
      return "unknown type";
    }
  }

  /** The part's declared charset; UTF-8 when it has none or one Java does not know. */
  private static Charset charset(Part part) {
    try {
      String declared = new ContentType(part.getContentType()).getParameter("charset");
      if (declared != null && !declared.isBlank()) {
        return Charset.forName(MimeUtility.javaCharset(declared.strip()));
      }
    } catch (MessagingException | RuntimeException e) {
      // fall through
    }
    return StandardCharsets.UTF_8;
  }

  private static String header(Message message, String name) throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null || values.length == 0 ? "" : values[0].strip();
  }

  private static String headerQuietly(Message message, String name) {
    try {
      String value = header(message, name);
      return value.isEmpty() ? null : value;
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
