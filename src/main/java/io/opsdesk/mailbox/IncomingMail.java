package io.opsdesk.mailbox;

import java.util.List;

/**
 * One mail as the intake reads it: who sent it, its subject, its text (plain text, or the HTML
 * part as text) and its attachments within the size limits.
 *
 * @param key           idempotence key (see {@link MailReader#keyOf})
 * @param textCut       the text was longer than what was read
 * @param attachments   attachments kept
 * @param dropped       attachments not kept, with the reason
 */
record IncomingMail(String key, String messageId, String senderAddress, String senderName, String subject,
    String text, boolean textCut, List<Attachment> attachments, List<Dropped> dropped) {

  record Attachment(String fileName, String contentType, byte[] content) {
  }

  record Dropped(String fileName, String reason) {
  }

  /** The sender for people: "Name &lt;address&gt;" or the address. */
  String senderDisplay() {
    if (senderAddress == null) {
      return senderName == null ? "(unknown sender)" : senderName;
    }
    return senderName == null || senderName.isBlank() || senderName.equals(senderAddress)
        ? senderAddress : senderName + " <" + senderAddress + ">";
  }
}
