package io.opsdesk.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A configured directory target through process data-backup, as the nightly run backs it up. */
class DirectoryTargetBackupTest extends OpsDeskTest {

  @Autowired BackupSettings settings;
  @Autowired BackupRecords records;

  @TempDir
  Path folder;

  @Test
  void aConfiguredDirectoryIsArchivedVerifiedAndListed() throws Exception {
    Path shared = Files.createDirectories(folder.resolve("shared").resolve("contracts"));
    Files.writeString(shared.resolve("2026-001.txt"), "contract one");
    Files.writeString(shared.resolve("2026-002.txt"), "contract two");
    BackupSettings.Target directory = new BackupSettings.Target();
    directory.setName("shared-files");
    directory.setPath(folder.resolve("shared"));
    Path configuredStore = settings.getStore();
    List<BackupSettings.Target> configured = settings.getTargets();
    settings.setStore(folder.resolve("store"));
    settings.setTargets(List.of(directory));
    try {
      ProcessInstance run = as("lead", () -> runtime.startProcessInstanceByKey("data-backup", Map.of("targets", "shared-files")));
      String runId = runtime.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
      runJobs();

      BackupRecords.Backup backup = records.find(runId, "shared-files").orElseThrow();
      assertThat(backup.status()).isEqualTo(BackupRecords.Status.SUCCEEDED);
      assertThat(backup.verified()).isTrue();
      Path archive = Path.of(backup.path());
      assertThat(archive).isEqualTo(folder.resolve("store").resolve("shared-files").resolve(runId + ".tar.gz")).exists();
      assertThat(backup.sha256()).isEqualTo(Checksums.sha256(archive));
      Manifest manifest = Manifest.readFor(archive);
      assertThat(manifest.contents().files()).isEqualTo(2);
      assertThat(manifest.contents().bytes()).isEqualTo(24);
      assertThat(manifest.tool()).startsWith("tar (GNU tar)");
      assertThat(records.find(runId, BackupTargets.OWN)).isEmpty();
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
      assertThat(rest.withBasicAuth("lead", "lead").getForObject("/api/backups", String.class))
          .contains(runId).contains(archive.toString());
    } finally {
      settings.setTargets(configured);
      settings.setStore(configuredStore);
    }
  }
}
