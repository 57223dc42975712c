package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.Path;

/** How one kind of database is dumped into an archive and proven restorable. */
interface DatabaseBackup {

  /** The archive's file name ending, dot included. */
  String extension(BackupTarget target);

  Manifest dump(BackupTarget target, String runId, Path archive) throws BackupFailure, IOException;

  void verify(BackupTarget target, Path archive, Manifest manifest) throws BackupFailure, IOException;
}
