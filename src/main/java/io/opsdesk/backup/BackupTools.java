package io.opsdesk.backup;

import org.springframework.stereotype.Component;

/** Picks the dump and test restore that fit a target's database. */
@Component
public class BackupTools {

  private final PostgresBackup postgres;
  private final H2Backup h2;

  public BackupTools(PostgresBackup postgres, H2Backup h2) {
    this.postgres = postgres;
    this.h2 = h2;
  }

  BackupMethod of(BackupTarget target) {
    return switch (target.kind()) {
      case POSTGRESQL -> postgres;
      case H2 -> h2;
      case DIRECTORY -> throw new IllegalStateException("Directory targets: DirectoryBackup comes next");
    };
  }
}
