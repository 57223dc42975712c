package io.opsdesk.attack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.opsdesk.identity.LoginThrottle;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 3: ten wrong passwords from anybody used to lock any account for good, the only
 * administrator's included. Now wrong passwords slow down the client sending them, per user, with
 * a growing, capped delay, and never lock anyone out: the administrator logs in from elsewhere while
 * the attack goes on, and the attacker's own client gets in with the right password once its delay
 * is over. Each attacker is a loopback address of its own; time is the engine's clock, moved by the test.
 */
class LoginLockoutAttackTest extends OpsDeskTest {

  /** Where the real users sit; no attack in this class ever comes from here. */
  private static final String OFFICE = "127.0.0.1";

  @LocalServerPort int port;
  @Autowired LoginThrottle throttle;

  private Instant now;

  @BeforeEach
  void freezeClock() {
    now = Instant.parse("2026-03-02T09:00:00Z");
    clockAt(now);
  }

  /** The three ways to present a password over HTTP. */
  enum LoginPath {
    API, ENGINE_REST, WEBAPP
  }

  @ParameterizedTest
  @EnumSource(LoginPath.class)
  void anAnonymousAttackerIsSlowedDownAndNeverLocksTheAdministratorOut(LoginPath path) {
    String attacker = "127.0.0." + (20 + path.ordinal());
    for (int guess = 1; guess <= 4; guess++) {
      assertThat(login(path, attacker, "admin", "guess-" + guess).status()).as("guess %d", guess).isEqualTo(401);
    }
    // After three free mistakes the attacker waits, whatever he sends: not even checked.
    LoopbackClient.Response held = login(path, attacker, "admin", "admin");
    assertThat(held.status()).isEqualTo(429);
    assertThat(held.header("Retry-After")).contains("1");

    // Meanwhile the administrator logs in from the office, on every path.
    for (LoginPath any : LoginPath.values()) {
      assertThat(login(any, OFFICE, "admin", "admin").status()).as("admin through %s", any).isEqualTo(200);
    }

    // Each further wrong guess doubles the wait, up to the cap; far past Camunda's ten attempts.
    List<Long> waits = new ArrayList<>();
    long wait = 1;
    for (int round = 0; round < 12; round++) {
      advance(wait);
      assertThat(login(path, attacker, "admin", "guess-again").status()).isEqualTo(401);
      LoopbackClient.Response next = login(path, attacker, "admin", "guess-again");
      assertThat(next.status()).isEqualTo(429);
      wait = Long.parseLong(next.header("Retry-After").orElseThrow());
      waits.add(wait);
    }
    long cap = throttle.maxDelay().getSeconds();
    assertThat(waits).containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, cap, cap, cap, cap);

    // The bound: once the wait is over, the right password works from the attacker's address too.
    advance(wait - 1);
    assertThat(login(path, attacker, "admin", "admin").status()).isEqualTo(429);
    advance(1);
    assertThat(login(path, attacker, "admin", "admin").status()).isEqualTo(200);
    // ... and forgets that client's failures.
    assertThat(login(path, attacker, "admin", "one-more-typo").status()).isEqualTo(401);
    assertThat(login(path, attacker, "admin", "admin").status()).isEqualTo(200);
  }

  @Test
  void otherUsersAreThrottledEachOnTheirOwnAndUnknownOnesAlike() {
    String attacker = "127.0.0.30";
    for (String victim : List.of("desk", "alice", "nobody-at-all")) {
      for (int guess = 1; guess <= 4; guess++) {
        assertThat(login(LoginPath.API, attacker, victim, "guess-" + guess).status()).isEqualTo(401);
      }
      assertThat(login(LoginPath.API, attacker, victim, victim).status()).as(victim).isEqualTo(429);
    }
    // Another spelling of the id is the same user, not three fresh free guesses.
    assertThat(login(LoginPath.ENGINE_REST, attacker, "DESK", "guess").status()).isEqualTo(429);
    // The victims, from their own desks, are not held back; nor is the attacker for a user he left alone.
    assertThat(login(LoginPath.API, OFFICE, "desk", "desk").status()).isEqualTo(200);
    assertThat(login(LoginPath.WEBAPP, "127.0.0.31", "alice", "alice").status()).isEqualTo(200);
    assertThat(login(LoginPath.ENGINE_REST, attacker, "tech", "tech").status()).isEqualTo(200);
  }

  @Test
  void aForgedForwardedForHeaderDoesNotMakeANewClient() {
    String attacker = "127.0.0.32";
    for (int guess = 1; guess <= 4; guess++) {
      LoopbackClient client = LoopbackClient.at(attacker, port).basic("lead", "guess-" + guess)
          .header("X-Forwarded-For", "203.0.113." + guess);
      assertThat(client.json("GET", "/engine-rest/version", null).status()).isEqualTo(401);
    }
    assertThat(LoopbackClient.at(attacker, port).basic("lead", "lead").header("X-Forwarded-For", "198.51.100.9")
        .json("GET", "/engine-rest/version", null).status()).isEqualTo(429);
  }

  @Test
  void passwordChecksThroughIdentityVerifyAreThrottledToo() {
    // An administrator may ask the engine whether someone's password is right: the same throttle applies.
    LoopbackClient admin = LoopbackClient.at("127.0.0.33", port).basic("admin", "admin");
    for (int guess = 1; guess <= 4; guess++) {
      assertThat(verify(admin, "lead", "guess-" + guess)).contains("\"authenticated\":false");
    }
    assertThat(verify(admin, "lead", "lead")).as("held back").contains("\"authenticated\":false");
    advance(1);
    assertThat(verify(admin, "lead", "lead")).contains("\"authenticated\":true");
  }

  @Test
  void camundasOwnLockNeverLocksAnybody() {
    User probe = identity.newUser("lock-probe");
    probe.setPassword("Vq7-long-enough-secret");
    identity.saveUser(probe);
    try {
      for (int guess = 0; guess < 25; guess++) {
        assertThat(identity.checkPassword("lock-probe", "wrong-" + guess)).isFalse();
      }
      assertThat(identity.checkPassword("lock-probe", "Vq7-long-enough-secret")).isTrue();
    } finally {
      identity.deleteUser("lock-probe");
    }
  }

  private String verify(LoopbackClient client, String user, String password) {
    LoopbackClient.Response response = client.json("POST", "/engine-rest/identity/verify",
        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private LoopbackClient.Response login(LoginPath path, String address, String user, String password) {
    LoopbackClient client = LoopbackClient.at(address, port);
    return switch (path) {
      case API -> client.basic(user, password).json("GET", "/api/tickets", null);
      case ENGINE_REST -> client.basic(user, password).json("GET", "/engine-rest/version", null);
      case WEBAPP -> client.webappLogin(user, password);
    };
  }

  private void advance(long seconds) {
    now = now.plus(Duration.ofSeconds(seconds));
    clockAt(now);
  }
}
