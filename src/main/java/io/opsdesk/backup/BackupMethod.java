package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.Path;

/** How one kind of target (a database product, a directory) is dumped into an archive and proven restorable. */
interface BackupMethod {

  /** The archive's file name ending, dot included. */
  String extension(BackupTarget target);

  Manifest dump(BackupTarget target, String runId, Path archive) throws BackupFailure, IOException;

  void verify(BackupTarget target, Path archive, Manifest manifest) throws BackupFailure, IOException;

  /**
   * Restores {@code archive} into a new database (or directory) beside the live one, named after
   * {@code restoreId}, and compares it with the manifest; the live one is not touched. Answers where
   * the copy is (a JDBC URL without options or credentials, or a path). A copy an interrupted attempt
   * of the same restore left is replaced; a copy that fails the comparison is removed.
   */
  String restoreBeside(BackupTarget target, Path archive, Manifest manifest, String restoreId)
      throws BackupFailure, IOException;

  /**
   * Puts the copy {@code restored} (as {@link #restoreBeside} answered it) in the live one's place,
   * keeping the live one aside under a name made from {@code restoreId}; answers where it was kept.
   * A retried call after a complete or half-done switch finishes it without undoing anything.
   */
  String switchIn(BackupTarget target, String restored, String restoreId) throws BackupFailure;
}
