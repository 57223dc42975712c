package io.opsdesk.identity;

import java.time.Duration;

import io.opsdesk.ticket.EngineClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Login throttling and the password policy (see SECURITY.md, "Login throttling"). */
@Configuration
public class IdentityConfig {

  @Bean
  LoginThrottle loginThrottle(@Value("${opsdesk.login-throttle.free-attempts:3}") int freeAttempts,
      @Value("${opsdesk.login-throttle.first-delay:1s}") Duration firstDelay,
      @Value("${opsdesk.login-throttle.max-delay:5m}") Duration maxDelay,
      @Value("${opsdesk.login-throttle.max-tracked:100000}") long maxTracked) {
    // The engine's clock, so that tests move time instead of waiting.
    return new LoginThrottle(freeAttempts, firstDelay, maxDelay, maxTracked, EngineClock::now);
  }

  @Bean
  IdentitySetup identitySetup(LoginThrottle loginThrottle) {
    return new IdentitySetup(loginThrottle);
  }
}
