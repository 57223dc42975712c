package io.opsdesk.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.mail.internet.MimeMessage;

import io.opsdesk.notify.Outbox.Notice;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Mail notifications end to end: the models' listeners queue, {@link NotificationSender} delivers
 * over real SMTP to the shared GreenMail server, and the ticket's journal tells what happened.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotificationsTest extends MailTest {

  @Autowired Notifications notifications;
  @Autowired MailLanguages languages;
  @Autowired HealthEndpoint health;
  @Autowired PlatformTransactionManager transactionManager;

  /** A caller known by phone and mail only gets the default language, as shipped Chinese. */
  @Test
  void requesterFollowsTheRequestByMailToItsClosure() throws Exception {
    assertThat(notify.getDefaultLanguage()).isEqualTo("zh-CN");
    String email = uniqueAddress("li.wei");
    var request = phoneCall();
    request.put("requesterEmail", email);
    ProcessInstance instance = start("desk", request);
    String ticketId = instance.getBusinessKey();
    assertThat(mails(ticketId)).as("nothing is sent before the sender runs").isEmpty();

    assertThat(sender.sendDue()).isEqualTo(1);
    MimeMessage opened = single(ticketId, "opened");
    assertThat(recipients(opened)).containsExactly(email);
    assertThat(opened.getSubject()).isEqualTo("[" + ticketId + "] 您的服务请求已登记：Mail server does not answer");
    assertThat(opened.isMimeType("text/plain")).isTrue();
    assertThat(text(opened)).contains("Li Wei，您好：", "工单号为 " + ticketId, "受理渠道：电话", "类别：硬件",
        "Since 9:00 nobody in building A can send mail.");

    work("tech", instance, "accept", vars("contactNote", "Called Li Wei"));
    sender.sendDue();
    assertThat(single(ticketId, "accepted").getSubject()).contains(ticketId, "Tech Demo");
    assertThat(text(single(ticketId, "accepted"))).contains("处理人 Tech Demo 已受理您的请求 " + ticketId,
        "优先级为“重要”");

    work("tech", instance, "diagnose", vars("diagnosis", "RAID degraded", "rootCause", "Failed disk", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "Replaced the disk in slot 2 and rebuilt the array"));
    sender.sendDue();
    assertThat(mails(ticketId)).as("no mail for diagnose and resolve").hasSize(2);
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "Mail flows again"));
    sender.sendDue();
    String resolved = text(single(ticketId, "resolved"));
    assertThat(resolved).contains(ticketId, "解决方案：\nReplaced the disk in slot 2 and rebuilt the array",
        "如何确认：", "请回复本邮件或致电服务台，并注明工单号 " + ticketId, "自动关闭").doesNotContain("Tasklist");

    work("desk", instance, "confirm", vars("satisfied", true, "satisfactionScore", 5));
    sender.sendDue();
    assertThat(text(single(ticketId, "closed"))).contains("感谢您的确认", ticketId).doesNotContain("5 天");

    assertThat(outbox.ofTicket(ticketId)).extracting(Notice::template)
        .containsExactly("opened", "accepted", "resolved", "closed");
    assertThat(outbox.ofTicket(ticketId)).allSatisfy(n -> {
      assertThat(n.status()).isEqualTo(Outbox.Status.SENT);
      assertThat(n.attempts()).isEqualTo(1);
      assertThat(n.recipient()).isEqualTo(email);
    });
    assertThat(journalTexts(ticketId)).contains("Mail 'opened' sent to " + email, "Mail 'accepted' sent to " + email,
        "Mail 'resolved' sent to " + email, "Mail 'closed' sent to " + email);
  }

  @Test
  void aRequesterWithALoginIsMailedAtTheirUserAddressFromAnyScope() throws Exception {
    speaking("alice", "en", this::aliceIsMailedAtHerUserAddressFromAnyScope);
  }

  private void aliceIsMailedAtHerUserAddressFromAnyScope() throws Exception {
    var request = phoneCall();
    request.put("requesterId", "alice");
    ProcessInstance instance = start("desk", request);
    String ticketId = instance.getBusinessKey();
    work("tech", instance, "accept", vars("contactNote", "Called"));

    // The progress mail of a colleague's step: from an execution and from a task alike.
    Task diagnose = openTask(instance, "diagnose");
    inCommand(context -> {
      var execution = context.getExecutionManager().findExecutionById(instance.getId());
      execution.setVariable("progressUpdate", "The spare disk has been ordered.");
      notifications.toRequester(execution, "progress");
      notifications.toRequester(context.getTaskManager().findTaskById(diagnose.getId()), "progress");
    });
    sender.sendDue();
    assertThatThrownBy(() -> inCommand(context -> notifications.toRequester(
        context.getExecutionManager().findExecutionById(instance.getId()), "no-such-template")))
        .as("a misspelt template in a model fails its step").hasMessageContaining("no-such-template");

    assertThat(recipients(single(ticketId, "opened"))).containsExactly("alice@example.com");
    assertThat(text(single(ticketId, "opened"))).contains("You can follow it in Tasklist: http");
    List<MimeMessage> progress = mails(ticketId, "progress");
    assertThat(progress).hasSize(2);
    for (MimeMessage mail : progress) {
      assertThat(text(mail)).contains("The spare disk has been ordered.", "Your handler: Tech Demo");
    }

    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "Swapped the disk"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok"));
    sender.sendDue();
    assertThat(text(single(ticketId, "resolved"))).contains("Swapped the disk", "Log in to Tasklist (http",
        "complete the task \"Confirm resolution\"").doesNotContain("Reply to this mail");
  }

  @Test
  void aDelayReportTellsTheRequesterTheProgressAndTheExpectedTime() throws Exception {
    String email = uniqueAddress("delayed");
    ProcessInstance instance = acceptedRequestOf(email);
    String ticketId = instance.getBusinessKey();
    Job timer = timer(instance, "timer-resolution-due");
    clockAt(timer.getDuedate().toInstant().plusSeconds(1));
    management.executeJob(timer.getId());
    runJobs();

    Instant expected = ticketOf(instance).resolutionDue().plus(Duration.ofHours(6));
    work("tech", instance, "report-delay", vars("progressNote", "Waiting for the spare disk from the vendor",
        "expectedResolution", expected.toString()));
    sender.sendDue();

    MimeMessage delay = single(ticketId, "delay");
    assertThat(recipients(delay)).containsExactly(email);
    assertThat(delay.getSubject()).contains(ticketId);
    String shownExpected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(expected.atZone(notify.getZone()));
    assertThat(text(delay)).contains("目前进展：\nWaiting for the spare disk from the vendor",
        "预计解决时间：" + shownExpected, "处理人：Tech Demo");
    assertThat(journalTexts(ticketId)).contains("Mail 'delay' sent to " + email);
  }

  /** Every supervisor, each in their own language: lead has chosen none (the default), the second English. */
  @Test
  void slaBreachesAreMailedToEverySupervisorInTheirLanguage() throws Exception {
    User second = identity.newUser("notify-supervisor");
    second.setFirstName("Second");
    second.setLastName("Supervisor");
    second.setEmail("second.supervisor@example.com");
    identity.saveUser(second);
    identity.createMembership(second.getId(), "supervisors");
    languages.choose(second.getId(), "en");
    User silent = identity.newUser("notify-silent");
    identity.saveUser(silent);
    identity.createMembership(silent.getId(), "supervisors");
    try {
      ProcessInstance instance = start("desk", phoneCall());
      String ticketId = instance.getBusinessKey();
      Job response = timer(instance, "timer-response-due");
      clockAt(response.getDuedate().toInstant().plusSeconds(1));
      management.executeJob(response.getId());
      work("tech", instance, "accept", vars("contactNote", "Sorry for the wait"));
      Job resolution = timer(instance, "timer-resolution-due");
      clockAt(resolution.getDuedate().toInstant().plusSeconds(1));
      management.executeJob(resolution.getId());
      runJobs();
      sender.sendDue();

      assertThat(mails(ticketId, "response-breached")).extracting(MailTest::recipient)
          .containsExactlyInAnyOrder("lead@example.com", "second.supervisor@example.com");
      MimeMessage responseToLead = to("lead@example.com", mails(ticketId, "response-breached"));
      assertThat(responseToLead.getSubject()).isEqualTo("[" + ticketId + "] 响应超时，违反 SLA（重要）：Mail server does not answer");
      assertThat(text(responseToLead)).contains("截至", "仍无人受理", "优先级：  重要（类别：硬件）", "hardware-support");
      MimeMessage responseToSecond = to("second.supervisor@example.com", mails(ticketId, "response-breached"));
      assertThat(responseToSecond.getSubject()).isEqualTo("[" + ticketId + "] Response SLA breached (Important): Mail server does not answer");
      assertThat(text(responseToSecond)).contains("nobody has accepted it by", "Priority:  Important (category Hardware)",
          "hardware-support");

      assertThat(mails(ticketId, "resolution-breached")).extracting(MailTest::recipient)
          .containsExactlyInAnyOrder("lead@example.com", "second.supervisor@example.com");
      assertThat(text(to("lead@example.com", mails(ticketId, "resolution-breached"))))
          .contains("工单 " + ticketId + " 的解决时限已过", "处理人：  Tech Demo", "/camunda/app/cockpit/");
      assertThat(text(to("second.supervisor@example.com", mails(ticketId, "resolution-breached"))))
          .contains("resolution SLA of request " + ticketId + " is breached", "Handler:   Tech Demo", "/camunda/app/cockpit/");
      assertThat(journalTexts(ticketId))
          .contains("Mail 'response-breached' sent to lead@example.com")
          .contains("No mail 'response-breached' to notify-silent of group supervisors: no valid email address");
    } finally {
      forget(second.getId(), silent.getId());
    }
  }

  /** Manual 4.3: a score of 1 or 2 tells the supervisors, with the requester's words, kept on the ticket. */
  @Test
  void aLowSatisfactionScoreIsMailedToTheSupervisorsAndTheFeedbackStaysOnTheTicket() throws Exception {
    ProcessInstance instance = start("desk", phoneCall());
    String ticketId = instance.getBusinessKey();
    handle(instance);
    work("desk", instance, "confirm", vars("satisfied", false, "satisfactionScore", 2, "feedback", "Mail still bounces"));
    sender.sendDue();
    assertThat(mails(ticketId, "low-satisfaction")).extracting(MailTest::recipient).containsExactly("lead@example.com");
    MimeMessage reopened = single(ticketId, "low-satisfaction");
    assertThat(reopened.getSubject()).isEqualTo("[" + ticketId + "] 满意度低（2/5）：Mail server does not answer");
    assertThat(text(reopened)).contains("要求重新处理", "反馈：    Mail still bounces", "处理人：  Tech Demo");
    Ticket afterReopen = tickets.find(ticketId).orElseThrow();
    assertThat(afterReopen.satisfied()).isFalse();
    assertThat(afterReopen.satisfactionScore()).isEqualTo(2);
    assertThat(afterReopen.feedback()).isEqualTo("Mail still bounces");
    assertThat(journalTexts(ticketId)).anyMatch(line -> line.startsWith("Reopened (1) at the requester's request "
        + "(satisfaction 2/5: \"Mail still bounces\")"));

    handle(instance);
    work("desk", instance, "confirm", vars("satisfied", true, "satisfactionScore", 4, "feedback", "Works now"));
    sender.sendDue();
    assertThat(mails(ticketId, "low-satisfaction")).as("a score of 3 or more tells nobody").hasSize(1);
    Ticket closed = tickets.find(ticketId).orElseThrow();
    assertThat(closed.satisfactionScore()).isEqualTo(4);
    assertThat(closed.feedback()).isEqualTo("Works now");
    assertThat(rest.withBasicAuth("desk", "desk").getForObject("/api/tickets/" + ticketId, String.class))
        .contains("\"feedback\":\"Works now\"", "\"satisfactionScore\":4");
  }

  /** Accept (if still to do), diagnose, resolve and verify: the request waits for its confirmation. */
  private void handle(ProcessInstance instance) {
    if (taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("accept").count() > 0) {
      work("tech", instance, "accept", vars("contactNote", "Called the requester"));
    }
    work("tech", instance, "diagnose", vars("diagnosis", "RAID degraded", "rootCause", "Failed disk", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "Replaced the disk"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "Mail flows again"));
  }

  @Test
  void aRequesterWithoutAnAddressGetsNoMailAndOneJournalLine() {
    ProcessInstance instance = start("desk", phoneCall());
    String ticketId = instance.getBusinessKey();

    assertThat(outbox.ofTicket(ticketId)).isEmpty();
    assertThat(mailLines(ticketId)).containsExactly("No mail 'opened': the requester has no email address");
  }

  @Test
  void workThatRollsBackQueuesNoMail() throws Exception {
    var request = phoneCall();
    request.put("requesterEmail", uniqueAddress("rollback"));
    ProcessInstance instance = start("desk", request);
    String ticketId = instance.getBusinessKey();
    Task accept = openTask(instance, "accept");
    as("tech", () -> {
      taskService.claim(accept.getId(), "tech");
      return null;
    });
    assertThat(outbox.ofTicket(ticketId)).extracting(Notice::template).containsExactly("opened");

    // Refused: the accept listeners ran (and queued) before the input check refused the completion.
    assertThatThrownBy(() -> as("tech", () -> {
      taskService.complete(accept.getId(), vars("contactNote", " "));
      return null;
    })).hasMessageContaining("contactNote");
    assertThat(outbox.ofTicket(ticketId)).extracting(Notice::template).containsExactly("opened");

    // Rolled back by the caller's transaction, which the engine joined.
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      as("tech", () -> {
        taskService.complete(accept.getId(), vars("contactNote", "Called"));
        return null;
      });
      assertThat(outbox.ofTicket(ticketId)).extracting(Notice::template).containsExactly("opened", "accepted");
      status.setRollbackOnly();
    });
    assertThat(outbox.ofTicket(ticketId)).extracting(Notice::template).containsExactly("opened");
    assertThat(openTask(instance, "accept")).isNotNull();

    sender.sendDue();
    assertThat(mails(ticketId)).hasSize(1);
  }

  @Test
  void aMailThatFindsTheServerDownIsRetriedWithBackoffAndDeliveredLater(CapturedOutput log) throws Exception {
    String email = uniqueAddress("retry");
    var request = phoneCall();
    request.put("requesterEmail", email);
    String ticketId = start("desk", request).getBusinessKey();

    withDeadMailServer(() -> {
      sender.sendDue();
      Notice afterOne = opened(ticketId);
      assertThat(afterOne.status()).isEqualTo(Outbox.Status.PENDING);
      assertThat(afterOne.attempts()).isEqualTo(1);
      assertThat(afterOne.lastError()).isNotBlank();
      sender.sendDue();
      assertThat(opened(ticketId).attempts()).as("not due again yet").isEqualTo(1);

      clockAt(afterOne.nextAttemptAt().plusSeconds(1));
      sender.sendDue();
      Notice afterTwo = opened(ticketId);
      assertThat(afterTwo.attempts()).isEqualTo(2);
      assertThat(Duration.between(afterOne.nextAttemptAt().plusSeconds(1), afterTwo.nextAttemptAt()))
          .isEqualTo(notify.backoffAfter(2)).isEqualTo(notify.backoffAfter(1).multipliedBy(2));
      clockAt(afterTwo.nextAttemptAt().plusSeconds(1));
    });
    assertThat(mails(ticketId)).isEmpty();

    sender.sendDue();
    assertThat(recipients(single(ticketId, "opened"))).containsExactly(email);
    Notice delivered = opened(ticketId);
    assertThat(delivered.status()).isEqualTo(Outbox.Status.SENT);
    assertThat(delivered.attempts()).isEqualTo(3);
    assertThat(mailLines(ticketId)).as("the failed attempts are the log's business")
        .containsExactly("Mail 'opened' sent to " + email + " (attempt 3)");
    assertThat(log.getOut()).contains("'opened' for ticket " + ticketId + ": attempt 1 of " + notify.getMaxAttempts() + " failed",
        "'opened' for ticket " + ticketId + ": attempt 2 of " + notify.getMaxAttempts() + " failed");

    clockAt(Instant.now().plus(Duration.ofDays(1)));
    sender.sendDue();
    assertThat(mails(ticketId)).as("delivered once").hasSize(1);
  }

  @Test
  void aServerThatIsDownIsTriedOnceARunNotOnceAMail() throws Exception {
    List<String> ticketIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      var request = phoneCall();
      request.put("requesterEmail", uniqueAddress("down" + i));
      ticketIds.add(start("desk", request).getBusinessKey());
    }
    withDeadMailServer(() -> {
      assertThat(sender.sendDue()).isZero();
      assertThat(ticketIds).extracting(id -> opened(id).attempts()).containsExactly(1, 0, 0);
    });
    assertThat(sender.sendDue()).as("the other two, at once; the first waits for its backoff").isEqualTo(2);
    assertThat(ticketIds).extracting(id -> opened(id).status())
        .containsExactly(Outbox.Status.PENDING, Outbox.Status.SENT, Outbox.Status.SENT);
  }

  /**
   * An outbox row that cannot be made into a mail (a recipient that is no address, written by an older
   * version or by hand) is set aside once, FAILED with its reason, and the mails after it go out in the
   * same run instead of waiting behind it.
   */
  @Test
  void anOutboxEntryThatCannotBeMadeIntoAMailIsSetAsideOnceAndTheRestFlows() throws Exception {
    var request = phoneCall();
    String email = uniqueAddress("after-poison");
    request.put("requesterEmail", email);
    String ticketId = start("desk", request).getBusinessKey();
    Instant earlier = opened(ticketId).nextAttemptAt().minusSeconds(60);
    jdbc.update("""
        INSERT INTO notification (ticket_id, template, recipient, subject, body, status, attempts, created_at, next_attempt_at)
        VALUES (?, 'progress', '<broken', 'Progress', 'text', 'PENDING', 0, ?, ?)""", ticketId,
        java.sql.Timestamp.from(earlier), java.sql.Timestamp.from(earlier));

    assertThat(sender.sendDue()).isEqualTo(1);

    assertThat(recipients(single(ticketId, "opened"))).containsExactly(email);
    Notice poison = outbox.ofTicket(ticketId).stream().filter(n -> n.template().equals("progress")).findFirst().orElseThrow();
    assertThat(poison.status()).isEqualTo(Outbox.Status.FAILED);
    assertThat(poison.attempts()).isOne();
    assertThat(poison.lastError()).isNotBlank();
    assertThat(mailLines(ticketId)).containsExactlyInAnyOrder("Mail 'opened' sent to " + email,
        "Mail 'progress' to <broken could not be sent; the reason is in the application log");

    clockAt(Instant.now().plus(Duration.ofDays(1)));
    assertThat(sender.sendDue()).isZero();
    assertThat(outbox.ofTicket(ticketId)).filteredOn(n -> n.id() == poison.id()).singleElement()
        .extracting(Notice::attempts).as("set aside once").isEqualTo(1);
  }

  @Test
  void aMailThatNeverGetsThroughEndsFailedWithAJournalLine() throws Exception {
    String email = uniqueAddress("never");
    var request = phoneCall();
    request.put("requesterEmail", email);
    String ticketId = start("desk", request).getBusinessKey();

    withDeadMailServer(() -> {
      for (int attempt = 1; attempt <= notify.getMaxAttempts(); attempt++) {
        sender.sendDue();
        Notice notice = opened(ticketId);
        assertThat(notice.attempts()).isEqualTo(attempt);
        clockAt(notice.nextAttemptAt().plus(notify.getMaxBackoff()));
      }
    });
    Notice failed = opened(ticketId);
    assertThat(failed.status()).isEqualTo(Outbox.Status.FAILED);
    assertThat(failed.attempts()).isEqualTo(notify.getMaxAttempts());
    assertThat(mailLines(ticketId)).containsExactly("Mail 'opened' to " + email + " could not be sent ("
        + notify.getMaxAttempts() + " attempts); the reason is in the application log");

    clockAt(Instant.now().plus(Duration.ofDays(2)));
    sender.sendDue();
    assertThat(mails(ticketId)).isEmpty();
    assertThat(opened(ticketId).status()).isEqualTo(Outbox.Status.FAILED);
  }

  /**
   * Without a mail server a ticket's journal stays readable: one line per mail, when it has failed
   * for good, and no exception text; the attempts and their reasons are in the log and the outbox.
   */
  @Test
  void theJournalOfMailsThatFailShowsOneLinePerMailAndNoExceptionText(CapturedOutput log) throws Exception {
    String email = uniqueAddress("quiet");
    String ticketId = acceptedRequestOf(email).getBusinessKey();

    withDeadMailServer(() -> {
      // A server that is down ends a run after one attempt: two mails need twice the runs.
      for (int run = 0; run < 2 * notify.getMaxAttempts(); run++) {
        sender.sendDue();
        clockAt(ClockUtil.getCurrentTime().toInstant().plus(notify.getMaxBackoff()).plusSeconds(1));
      }
    });
    assertThat(outbox.ofTicket(ticketId)).extracting(Notice::template, Notice::status).containsExactlyInAnyOrder(
        tuple("opened", Outbox.Status.FAILED), tuple("accepted", Outbox.Status.FAILED));
    assertThat(outbox.ofTicket(ticketId)).allSatisfy(n -> assertThat(n.lastError()).as("the reason is kept").isNotBlank());

    String after = " could not be sent (" + notify.getMaxAttempts() + " attempts); the reason is in the application log";
    assertThat(mailLines(ticketId)).containsExactlyInAnyOrder("Mail 'opened' to " + email + after,
        "Mail 'accepted' to " + email + after);
    assertThat(journalTexts(ticketId)).noneSatisfy(line -> assertThat(line).containsAnyOf("Exception", "xception",
        "onnect", "127.0.0.1", "refused", "timeout"));
    for (String template : List.of("opened", "accepted")) {
      assertThat(log.getOut()).contains("'" + template + "' for ticket " + ticketId + ": attempt 1 of ",
          "'" + template + "' for ticket " + ticketId + " failed for good at attempt " + notify.getMaxAttempts());
    }
  }

  @Test
  void twoSendersAtOnceDeliverEachMailOnce() throws Exception {
    List<String> ticketIds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      var request = phoneCall();
      request.put("requesterEmail", uniqueAddress("twice" + i));
      ticketIds.add(start("desk", request).getBusinessKey());
    }

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Future<Integer> a = pool.submit(() -> {
        go.await();
        return sender.sendDue();
      });
      Future<Integer> b = pool.submit(() -> {
        go.await();
        return sender.sendDue();
      });
      go.countDown();
      assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(ticketIds.size());
    } finally {
      pool.shutdownNow();
    }
    for (String ticketId : ticketIds) {
      assertThat(mails(ticketId, "opened")).as(ticketId).hasSize(1);
      assertThat(opened(ticketId).status()).isEqualTo(Outbox.Status.SENT);
      assertThat(journalTexts(ticketId)).filteredOn(line -> line.startsWith("Mail 'opened' sent")).hasSize(1);
    }
  }

  @Test
  void htmlInASubjectArrivesAsLiteralText() throws Exception {
    String subject = "<b>Printer</b> & <script>alert('x')</script>";
    var request = phoneCall();
    request.put("requesterEmail", uniqueAddress("html"));
    request.put("subject", subject);
    request.put("description", "<img src=x onerror=alert(1)> <a href=\"https://evil.example\">click</a> &amp;");
    String ticketId = start("desk", request).getBusinessKey();
    sender.sendDue();

    MimeMessage opened = single(ticketId, "opened");
    assertThat(opened.getSubject()).isEqualTo("[" + ticketId + "] 您的服务请求已登记：" + subject);
    assertThat(opened.isMimeType("text/plain")).isTrue();
    assertThat(opened.getContentType()).doesNotContainIgnoringCase("html");
    assertThat(text(opened)).contains("主题：" + subject,
        "<img src=x onerror=alert(1)> <a href=\"https://evil.example\">click</a> &amp;");
  }

  @Test
  void anUnreachableMailServerShowsInHealthButLeavesTheApplicationUp() throws Exception {
    withDeadMailServer(() -> {
      HealthComponent mail = health.healthForPath("mail");
      assertThat(mail.getStatus()).isEqualTo(MailHealth.UNREACHABLE);
      assertThat(((Health) mail).getDetails()).containsKeys("error", "location", "pending", "failed");
      assertThat(((Health) mail).getDetails().get("location").toString()).startsWith("127.0.0.1:");
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      ResponseEntity<String> http = rest.getForEntity("/actuator/health", String.class);
      assertThat(http.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(http.getBody()).contains("\"status\":\"UP\"");
    });
    assertThat(health.healthForPath("mail").getStatus()).isEqualTo(Status.UP);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private void inCommand(Consumer<CommandContext> work) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> {
          work.accept(context);
          return null;
        });
  }

  /** A phone request with a mail address, accepted by tech. */
  private ProcessInstance acceptedRequestOf(String email) {
    var request = phoneCall();
    request.put("requesterEmail", email);
    ProcessInstance instance = start("desk", request);
    work("tech", instance, "accept", vars("contactNote", "Called"));
    return instance;
  }

  /** The journal lines about mails (sent, failed, none for want of an address). */
  private List<String> mailLines(String ticketId) {
    return journal.entries(ticketId).stream().filter(e -> e.kind().startsWith("MAIL")).map(JournalEntry::text).toList();
  }

  private static MimeMessage to(String address, List<MimeMessage> messages) {
    return messages.stream().filter(m -> recipient(m).equals(address)).findFirst().orElseThrow();
  }
}
