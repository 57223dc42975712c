package io.opsdesk.inspection.redfish;

/**
 * The BMC could not be inspected: unreachable, refused the login, too slow, or answered something
 * unreadable. The message is shown in the UNKNOWN finding, so it says what went wrong and never holds a
 * secret (no password, no Authorization header, no URL user info).
 */
final class BmcFailure extends Exception {

  private final int httpStatus;

  BmcFailure(String message) {
    this(message, 0);
  }

  BmcFailure(String message, int httpStatus) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status that caused it, 0 when there was no answer. */
  int httpStatus() {
    return httpStatus;
  }
}
