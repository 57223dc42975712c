package io.opsdesk.ticket;

import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The engine's clock: ticket times agree with timer due dates, also when a test moves the clock. */
public final class EngineClock {

  private EngineClock() {
  }

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
