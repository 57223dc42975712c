package io.opsdesk.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's arithmetic, on a clock the test moves. */
class LoginThrottleTest {

  private Instant now = Instant.parse("2026-03-02T09:00:00Z");
  private final LoginThrottle throttle =
      new LoginThrottle(3, Duration.ofSeconds(1), Duration.ofMinutes(5), 1000, () -> now);

  @Test
  void delayGrowsAfterTheFreeAttemptsAndIsCapped() {
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; attempt <= 14; attempt++) {
      assertThat(throttle.tryAttempt("10.0.0.1", "admin")).as("attempt %d", attempt).isTrue();
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
    assertThat(throttle.tryAttempt("10.0.0.2", "admin")).isTrue();
    assertThat(throttle.tryAttempt("10.0.0.2", "admin")).isFalse();
    now = now.plusMillis(999);
    assertThat(throttle.tryAttempt("10.0.0.2", "admin")).isFalse();
    now = now.plusMillis(1);
    assertThat(throttle.tryAttempt("10.0.0.2", "admin")).isTrue();
  }

  @Test
  void otherClientsAndOtherUsersAreNotHeldBack() {
    failThrice("10.0.0.3", "admin");
    throttle.tryAttempt("10.0.0.3", "admin");
    assertThat(throttle.waitFor("10.0.0.3", "admin")).isPositive();
    assertThat(throttle.waitFor("10.0.0.4", "admin")).isZero();
    assertThat(throttle.tryAttempt("10.0.0.4", "admin")).isTrue();
    assertThat(throttle.waitFor("10.0.0.3", "desk")).isZero();
    // Another spelling of the same id is the same user.
    assertThat(throttle.waitFor("10.0.0.3", "ADMIN")).isPositive();
  }

  @Test
  void successForgetsTheFailures() {
    failThrice("10.0.0.5", "admin");
    throttle.succeeded("10.0.0.5", "admin");
    failThrice("10.0.0.5", "admin");
    assertThat(throttle.waitFor("10.0.0.5", "admin")).isZero();
  }

  /** Attempts whose password could not be checked (database down) hold nobody back afterwards. */
  @Test
  void attemptsThatCouldNotBeCheckedDoNotCount() {
    failThrice("10.0.0.6", "desk");
    for (int attempt = 0; attempt < 10; attempt++) {
      assertThat(throttle.tryAttempt("10.0.0.6", "desk")).as("attempt %d", attempt).isTrue();
      throttle.notChecked("10.0.0.6", "desk");
    }
    assertThat(throttle.waitFor("10.0.0.6", "desk")).isZero();
    assertThat(throttle.tryAttempt("10.0.0.6", "desk")).isTrue();
    assertThat(throttle.waitFor("10.0.0.6", "desk")).as("the three wrong passwords still count").isPositive();
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

  private void failThrice(String client, String user) {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.tryAttempt(client, user)).isTrue();
    }
  }
}
