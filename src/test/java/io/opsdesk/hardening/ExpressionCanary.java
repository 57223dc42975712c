package io.opsdesk.hardening;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * A Spring bean that query expressions could reach as {@code ${canary.touch()}}, the way an attacker
 * would reach any bean. It counts its calls, so a test can prove an expression was never evaluated.
 * A test-only component: the application's component scan picks it up from the test classpath.
 */
@Component("canary")
public class ExpressionCanary {

  private final AtomicInteger calls = new AtomicInteger();

  public String touch() {
    calls.incrementAndGet();
    return "canary";
  }

  public int calls() {
    return calls.get();
  }

  public void reset() {
    calls.set(0);
  }
}
