package io.opsdesk.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's arithmetic, on a clock the test moves, and its behaviour under parallel attempts. */
class LoginThrottleTest {

  private Instant now = Instant.parse("2026-03-02T09:00:00Z");
  private final LoginThrottle throttle =
      new LoginThrottle(3, Duration.ofSeconds(1), Duration.ofMinutes(5), 1000, () -> now);

  @Test
  void delayGrowsAfterTheFreeAttemptsAndIsCapped() {
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; attempt <= 14; attempt++) {
      assertThat(tried("10.0.0.1", "admin", false)).as("attempt %d", attempt).isTrue();
      Duration wait = throttle.waitFor("10.0.0.1", "admin");
      waits.add(wait);
      now = now.plus(wait);
    }
    assertThat(waits).extracting(Duration::getSeconds)
        .containsExactly(0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
  }

  @Test
  void whileWaitingNothingIsTriedNotEvenTheRightPassword() {
    failThrice("10.0.0.2", "admin");
    assertThat(tried("10.0.0.2", "admin", false)).isTrue();
    assertThat(tried("10.0.0.2", "admin", true)).isFalse();
    now = now.plusMillis(999);
    assertThat(tried("10.0.0.2", "admin", true)).isFalse();
    now = now.plusMillis(1);
    assertThat(tried("10.0.0.2", "admin", true)).isTrue();
  }

  @Test
  void otherClientsAndOtherUsersAreNotHeldBack() {
    failThrice("10.0.0.3", "admin");
    tried("10.0.0.3", "admin", false);
    assertThat(throttle.waitFor("10.0.0.3", "admin")).isPositive();
    assertThat(throttle.waitFor("10.0.0.4", "admin")).isZero();
    assertThat(tried("10.0.0.4", "admin", false)).isTrue();
    assertThat(throttle.waitFor("10.0.0.3", "desk")).isZero();
    // Another spelling of the same id is the same user.
    assertThat(throttle.waitFor("10.0.0.3", "ADMIN")).isPositive();
  }

  @Test
  void successForgetsTheFailures() {
    failThrice("10.0.0.5", "admin");
    assertThat(throttle.attempt("10.0.0.5", "admin", () -> true)).isTrue();
    failThrice("10.0.0.5", "admin");
    assertThat(throttle.waitFor("10.0.0.5", "admin")).isZero();
  }

  @Test
  void anIpv6ClientIsItsNetwork() {
    assertThat(LoginThrottle.client("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.client("2001:db8:1:2:bbbb::9"))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(LoginThrottle.client("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.client("2001:db8:1:2::1"));
    assertThat(LoginThrottle.client("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(LoginThrottle.client("not-an-address.example")).isEqualTo("not-an-address.example");
  }

  @Test
  void bindingTellsWhoIsCalling() {
    assertThat(throttle.currentClient()).isNull();
    try (LoginThrottle.Binding outer = throttle.bind("10.0.0.6")) {
      assertThat(throttle.currentClient()).isEqualTo("10.0.0.6");
    }
    assertThat(throttle.currentClient()).isNull();
  }

  @Test
  void parallelGuessesGainNothing() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger checked = new AtomicInteger();
    CountDownLatch freeOnesRunning = new CountDownLatch(3);
    List<Boolean> answers = inParallel(12, () -> throttle.attempt("10.0.0.7", "admin", () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      checked.incrementAndGet();
      freeOnesRunning.countDown();
      awaitQuietly(freeOnesRunning);
      running.decrementAndGet();
      return false;
    }));
    assertThat(answers).containsOnly(false);
    // As one after the other: the three free guesses (at once), a fourth, then the client waits.
    assertThat(checked).hasValue(4);
    assertThat(mostAtOnce).hasValue(3);
    assertThat(throttle.waitFor("10.0.0.7", "admin")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void parallelRequestsWithTheRightPasswordAllPass() throws Exception {
    CountDownLatch together = new CountDownLatch(3);
    List<Boolean> answers = inParallel(32, () -> throttle.attempt("10.0.0.8", "desk", () -> {
      together.countDown();
      awaitQuietly(together);
      return true;
    }));
    assertThat(answers).hasSize(32).containsOnly(true);
    assertThat(throttle.waitFor("10.0.0.8", "desk")).isZero();
  }

  /** Whether the attempt got as far as checking the password (which is {@code right} or not). */
  private boolean tried(String client, String user, boolean right) {
    AtomicBoolean checked = new AtomicBoolean();
    throttle.attempt(client, user, () -> {
      checked.set(true);
      return right;
    });
    return checked.get();
  }

  private void failThrice(String client, String user) {
    for (int i = 0; i < 3; i++) {
      assertThat(tried(client, user, false)).isTrue();
    }
  }

  private static List<Boolean> inParallel(int threads, Callable<Boolean> attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(attempt));
      }
      List<Boolean> answers = new ArrayList<>();
      for (Future<Boolean> future : futures) {
        answers.add(future.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Lets the first checks overlap; later ones find the latch open. */
  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
