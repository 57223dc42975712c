package io.opsdesk.intake;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.opsdesk.mailbox.MailboxPoller;
import io.opsdesk.notify.NotificationSender;
import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "every intake channel": a request opened by phone (Tasklist start form), online (/api) and
 * by email is followed to closure, and its requester receives every mail on the way: opened,
 * accepted, progress, delay, resolved, closed.
 */
class ChannelsEndToEndTest extends OpsDeskTest {

  private static final List<String> EVERY_MAIL = List.of("opened", "accepted", "progress", "delay", "resolved", "closed");

  @Autowired
  NotificationSender sender;
  @Autowired
  MailboxPoller mailbox;

  @Test
  void phoneCallRecordedWithTheStartForm() throws MessagingException {
    String requester = "caller-phone@example.com";
    Map<String, Object> form = Map.of("variables", Map.of(
        "requesterName", Map.of("value", "Wang Fang"), "requesterPhone", Map.of("value", "+86 10 5555 0199"),
        "requesterEmail", Map.of("value", requester), "channel", Map.of("value", "PHONE"),
        "subject", Map.of("value", "Printer on floor 3 jams"), "description", Map.of("value", "Every page"),
        "category", Map.of("value", "HARDWARE"), "impact", Map.of("value", "MEDIUM"), "urgency", Map.of("value", "HIGH")));
    ResponseEntity<Map> started = rest.withBasicAuth("desk", "desk")
        .postForEntity("/engine-rest/process-definition/key/service-request/submit-form", form, Map.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);

    followToClosure(instance((String) started.getBody().get("businessKey")), requester);
  }

  @Test
  void onlineRequest() throws MessagingException {
    String requester = "caller-web@example.com";
    ResponseEntity<Map> opened = rest.withBasicAuth("desk", "desk").postForEntity("/api/tickets", Map.of(
        "requesterName", "Zhao Lei", "requesterEmail", requester, "channel", "WEB",
        "subject", "Cannot reach the ERP", "description", "Timeout on login", "category", "SOFTWARE",
        "impact", "HIGH", "urgency", "HIGH"), Map.class);
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    followToClosure(instance((String) opened.getBody().get("ticketId")), requester);
  }

  @Test
  void emailToTheServiceDesk() throws MessagingException {
    String requester = "caller-mail@example.com";
    deliverToMailbox("From: Sun Mei <" + requester + ">\nTo: " + MAILBOX + "\nSubject: Shared drive is read-only\n"
        + "Message-ID: <e2e-" + System.nanoTime() + "@example.com>\nContent-Type: text/plain; charset=UTF-8\n\n"
        + "Since this morning I cannot save to S:\\\n");
    mailbox.poll();
    String ticketId = tickets.search(new io.opsdesk.ticket.TicketSearch(new io.opsdesk.ticket.TicketReader("admin", java.util.List.of(), true), null, null, null, null, null, null, null, 0, 100))
        .stream().filter(t -> requester.equals(t.requesterEmail())).findFirst().orElseThrow().ticketId();
    ProcessInstance instance = instance(ticketId);
    runJobs();
    work("desk", instance, "triage", vars("category", "DATA", "impact", "MEDIUM", "urgency", "MEDIUM"));

    followToClosure(instance, requester);
  }

  /** Accept, a progress note, a delay report, diagnosis, resolution, verification, confirmation. */
  private void followToClosure(ProcessInstance instance, String requester) throws MessagingException {
    String ticketId = instance.getBusinessKey();
    runJobs();
    work("tech", instance, "accept", vars("contactNote", "Called back"));
    assertThat(rest.withBasicAuth("tech", "tech").postForEntity("/api/tickets/" + ticketId + "/progress",
        Map.of("note", "Looking into it"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    management.executeJob(timer(instance, "timer-resolution-due").getId());
    work("tech", instance, "report-delay", vars("progressNote", "Waiting for the vendor",
        "expectedResolution", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
    work("tech", instance, "diagnose", vars("diagnosis", "Quota full", "rootCause", "Log files", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "Rotated the logs"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "Works again"));
    work("desk", instance, "confirm", vars("satisfied", true, "satisfactionScore", 4));
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.CLOSED);

    sender.sendDue();
    assertThat(notificationsTo(requester, ticketId)).containsAll(EVERY_MAIL);
  }

  private ProcessInstance instance(String ticketId) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).singleResult();
  }

  private static List<String> notificationsTo(String address, String ticketId) throws MessagingException {
    List<String> templates = new ArrayList<>();
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (ticketId.equals(message.getHeader("X-OpsDesk-Ticket", null))
          && message.getAllRecipients()[0].toString().contains(address)) {
        templates.add(message.getHeader("X-OpsDesk-Notification", null));
      }
    }
    return templates;
  }

  private static void deliverToMailbox(String raw) throws MessagingException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
        raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    MAIL.getUserManager().getUser(MAILBOX).deliver(message);
  }
}
