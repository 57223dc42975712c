package io.opsdesk.backup;

/**
 * An external tool did not do its job: it could not start, ran out of time or exited non-zero. The
 * message names the tool and carries the tail of its standard error, never its environment (where a
 * password may be).
 */
public class ToolFailure extends Exception {

  private final String stderrTail;

  public ToolFailure(String message, String stderrTail) {
    super(stderrTail == null || stderrTail.isBlank() ? message : message + ": " + stderrTail.strip());
    this.stderrTail = stderrTail == null ? "" : stderrTail;
  }

  public String stderrTail() {
    return stderrTail;
  }
}
