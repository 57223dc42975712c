package io.opsdesk.inspection;

/**
 * How bad a finding is, as monitoring tools grade it. UNKNOWN means the check could not be made
 * (BMC unreachable, refused login, timeout, unreadable answer): a monitoring failure, not a fault
 * of the part.
 */
public enum Severity {
  OK, WARNING, CRITICAL, UNKNOWN;

  /** The worse of two gradings; a part that is CRITICAL stays CRITICAL whatever else says OK. */
  public Severity worse(Severity other) {
    return rank() >= other.rank() ? this : other;
  }

  public boolean isAnomaly() {
    return this != OK;
  }

  // UNKNOWN ranks between WARNING and CRITICAL: not knowing is worse than a warning, but a known
  // critical fault is what a handler must see first.
  private int rank() {
    return switch (this) {
      case OK -> 0;
      case WARNING -> 1;
      case UNKNOWN -> 2;
      case CRITICAL -> 3;
    };
  }
}
