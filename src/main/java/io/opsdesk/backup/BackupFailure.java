package io.opsdesk.backup;

/**
 * An expected failure of a dump or a verification (a tool failed, the database refused, the archive
 * does not match): recorded as FAILED with this message, which never holds a credential.
 */
public class BackupFailure extends Exception {

  public BackupFailure(String message) {
    super(message);
  }
}
