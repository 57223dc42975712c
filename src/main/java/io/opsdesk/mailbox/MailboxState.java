package io.opsdesk.mailbox;

import java.time.Instant;

import org.springframework.stereotype.Component;

/** The outcome of the latest poll, for the health endpoint. */
@Component
public class MailboxState {

  private volatile Instant lastPoll;
  private volatile Instant lastSuccess;
  private volatile PollResult lastResult;

  void record(PollResult result) {
    Instant now = Instant.now();
    lastPoll = now;
    if (result.error == null) {
      lastSuccess = now;
    }
    lastResult = result;
  }

  public Instant lastPoll() {
    return lastPoll;
  }

  public Instant lastSuccess() {
    return lastSuccess;
  }

  public PollResult lastResult() {
    return lastResult;
  }
}
