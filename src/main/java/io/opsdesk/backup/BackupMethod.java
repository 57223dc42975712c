package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.Path;

/** How one kind of target (a database product, a directory) is dumped into an archive and proven restorable. */
interface BackupMethod {

  /** The archive's file name ending, dot included. */
  String extension(BackupTarget target);

  Manifest dump(BackupTarget target, String runId, Path archive) throws BackupFailure, IOException;

  void verify(BackupTarget target, Path archive, Manifest manifest) throws BackupFailure, IOException;
}
