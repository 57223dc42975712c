package io.opsdesk.backup;

import org.springframework.stereotype.Component;

/** Picks the dump and test restore that fit a target's kind. */
@Component
public class BackupTools {

  private final PostgresBackup postgres;
  private final H2Backup h2;
  private final DirectoryBackup directory;

  public BackupTools(PostgresBackup postgres, H2Backup h2, DirectoryBackup directory) {
    this.postgres = postgres;
    this.h2 = h2;
    this.directory = directory;
  }

  BackupMethod of(BackupTarget target) {
    return switch (target.kind()) {
      case POSTGRESQL -> postgres;
      case H2 -> h2;
      case DIRECTORY -> directory;
    };
  }
}
