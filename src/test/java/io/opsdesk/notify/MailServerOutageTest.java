package io.opsdesk.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.opsdesk.notify.Outbox.Notice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail server down while requests come in from several clients at once and the sender keeps
 * trying, as its schedule does: every request is registered, its mail waits in the outbox, health
 * shows the mail server's own status and the application stays UP; once the server is back, every
 * mail is delivered exactly once, also with two senders at work.
 */
class MailServerOutageTest extends MailTest {

  private static final int CLIENTS = 4;
  private static final int REQUESTS_EACH = 3;

  @Autowired HealthEndpoint health;

  @Test
  void requestsOpenedWhileTheMailServerIsDownAreAllRegisteredAndEachMailIsDeliveredOnceWhenItIsBack() throws Exception {
    List<String> ticketIds = new ArrayList<>();
    withDeadMailServer(() -> {
      ticketIds.addAll(openConcurrently());
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat(health.healthForPath("mail").getStatus()).isEqualTo(MailHealth.UNREACHABLE);
    });
    assertThat(ticketIds).hasSize(CLIENTS * REQUESTS_EACH).doesNotHaveDuplicates();
    assertThat(mails()).as("nothing went out while the server was down").isEmpty();
    List<Notice> waiting = ticketIds.stream().map(this::opened).toList();
    assertThat(waiting).allSatisfy(n -> assertThat(n.status()).isEqualTo(Outbox.Status.PENDING));

    // Past every backoff, two senders at once, as two nodes would.
    clockAt(waiting.stream().map(Notice::nextAttemptAt).max(Instant::compareTo).orElseThrow().plusSeconds(1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> send = sender::sendDue;
      int sent = pool.submit(send).get() + pool.submit(send).get();
      assertThat(sent).isEqualTo(ticketIds.size());
    } finally {
      pool.shutdownNow();
    }
    assertThat(sender.sendDue()).as("nothing left to send").isZero();
    for (String ticketId : ticketIds) {
      assertThat(mails(ticketId, "opened")).as("mails of %s", ticketId).hasSize(1);
      assertThat(opened(ticketId).status()).isEqualTo(Outbox.Status.SENT);
    }
    assertThat(mails()).hasSize(ticketIds.size());
    assertThat(health.healthForPath("mail").getStatus()).isEqualTo(Status.UP);
  }

  /** The desk's clients open requests at once while the sender runs again and again (every 0.1 s). */
  private List<String> openConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      List<Future<List<String>>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> {
          List<String> opened = new ArrayList<>();
          for (int n = 0; n < REQUESTS_EACH; n++) {
            Map<String, Object> request = phoneCall();
            request.put("requesterEmail", uniqueAddress("outage" + client + "-" + n));
            ResponseEntity<Map> answer = rest.withBasicAuth("desk", "desk").postForEntity("/api/tickets", request, Map.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            opened.add((String) answer.getBody().get("ticketId"));
          }
          return opened;
        }));
      }
      Future<?> sending = pool.submit(() -> {
        while (clients.stream().anyMatch(f -> !f.isDone())) {
          assertThat(sender.sendDue()).isZero();
          Thread.sleep(100);
        }
        return null;
      });
      List<String> ticketIds = new ArrayList<>();
      for (Future<List<String>> client : clients) {
        ticketIds.addAll(client.get());
      }
      sending.get();
      return ticketIds;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<jakarta.mail.internet.MimeMessage> mails() {
    return List.of(MAIL.getReceivedMessages());
  }
}
