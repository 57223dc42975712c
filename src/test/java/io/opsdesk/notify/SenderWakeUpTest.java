package io.opsdesk.notify;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the background sender on (as in production) a queued mail goes out once the work that queued
 * it commits, on the sender's own thread, without waiting for the next send interval (an hour here).
 */
@Tag("single-run")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"opsdesk.scheduling.enabled=true", "opsdesk.notify.send-interval=PT1H"})
class SenderWakeUpTest extends MailTest {

  @Test
  void aCommittedMailGoesOutWithoutWaitingForTheInterval() throws Exception {
    var request = phoneCall();
    String email = uniqueAddress("wake");
    request.put("requesterEmail", email);
    String ticketId = start("desk", request).getBusinessKey();

    await().atMost(Duration.ofMinutes(2)).until(() -> !mails(ticketId, "opened").isEmpty());
    assertThat(recipients(single(ticketId, "opened"))).containsExactly(email);
    assertThat(outbox.ofTicket(ticketId)).singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo(Outbox.Status.SENT));
  }
}
