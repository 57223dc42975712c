package io.opsdesk.mailbox;

/** What one poll did. */
public final class PollResult {

  int seen;
  int newTickets;
  int replies;
  /** Mails processed before (a second copy, or left behind by a crash): only moved. */
  int alreadyProcessed;
  /** Mails moved to the failed folder. */
  int failed;
  /** Mails that failed for a passing reason and stay in the inbox to be tried again. */
  int retrying;
  /** Mails processed whose move to the processed folder failed; the next poll moves them. */
  int notMoved;
  /** Mails in the failed folder after the poll. */
  int inFailedFolder;
  /** Set when the poll itself failed (server unreachable, login refused …). */
  String error;

  public int seen() {
    return seen;
  }

  public int newTickets() {
    return newTickets;
  }

  public int replies() {
    return replies;
  }

  public int alreadyProcessed() {
    return alreadyProcessed;
  }

  public int failed() {
    return failed;
  }

  public int retrying() {
    return retrying;
  }

  public int notMoved() {
    return notMoved;
  }

  public int inFailedFolder() {
    return inFailedFolder;
  }

  public String error() {
    return error;
  }

  @Override
  public String toString() {
    return "seen " + seen + ", new tickets " + newTickets + ", replies " + replies + ", already processed "
        + alreadyProcessed + ", failed " + failed + ", retrying " + retrying + ", not moved " + notMoved
        + (error == null ? "" : ", error: " + error);
  }
}
