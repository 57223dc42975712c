package io.opsdesk.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Directory targets with the machine's real GNU tar, on real files. */
class DirectoryBackupTest {

  @TempDir
  Path root;

  private final BackupSettings settings = new BackupSettings();
  private final DirectoryBackup backup = new DirectoryBackup(new ProcessRunner(), settings);
  private Path live;
  private Path store;
  private BackupTarget target;

  @BeforeEach
  void liveDirectory() throws IOException {
    live = Files.createDirectories(root.resolve("srv").resolve("files"));
    store = Files.createDirectories(root.resolve("store").resolve("files"));
    target = BackupTarget.directory("files", live);
    Files.writeString(live.resolve("a.txt"), "alpha");
    byte[] random = new byte[200_000];
    new Random(7).nextBytes(random);
    Files.write(Files.createDirectories(live.resolve("sub").resolve("deeper")).resolve("b.bin"), random);
    Files.writeString(Files.createDirectories(live.resolve("sp ace \"q\"")).resolve("new\nline"), "odd names");
    Files.writeString(live.resolve("café.txt"), "non-ASCII name");
    Files.createDirectories(live.resolve("empty"));
    Files.createSymbolicLink(live.resolve("link"), Path.of("sub/deeper/b.bin"));
    Files.createLink(live.resolve("hard.txt"), live.resolve("a.txt"));
  }

  @Test
  void aDumpIsVerifiedAndRestoredBesideTheLiveDirectoryWithTheSameFiles() throws Exception {
    Path archive = store.resolve("BAK-1" + backup.extension(target));
    Manifest manifest = backup.dump(target, "BAK-1", archive);

    assertThat(archive.getFileName()).hasToString("BAK-1.tar.gz");
    assertThat(store.resolve("BAK-1.tar.gz.partial")).doesNotExist();
    assertThat(manifest.tool()).startsWith("tar (GNU tar)");
    assertThat(manifest.serverVersion()).isNull();
    assertThat(manifest.rowCounts()).isEmpty();
    assertThat(manifest.sha256()).isEqualTo(Checksums.sha256(archive));
    assertThat(manifest.sizeBytes()).isEqualTo(Files.size(archive));
    assertThat(manifest.contents().files()).isEqualTo(5);
    assertThat(manifest.contents().bytes()).isEqualTo(5 + 200_000 + 9 + 14 + 5);
    manifest.writeFor(archive);
    assertThat(Manifest.readFor(archive)).isEqualTo(manifest);

    backup.verify(target, archive, manifest);
    assertThat(children(store)).containsExactlyInAnyOrder("BAK-1.tar.gz", "BAK-1.manifest.json");

    Path restored = Path.of(backup.restoreBeside(target, archive, manifest, "RST-1"));
    assertThat(restored).isEqualTo(root.resolve("srv").resolve("files.restore-RST-1"));
    assertThat(snapshot(restored)).isEqualTo(snapshot(live));
    // An attempt of the same restore that was interrupted half-way is made again from the start.
    Files.writeString(restored.resolve("half-extracted.tmp"), "left by a killed attempt");
    assertThat(backup.restoreBeside(target, archive, manifest, "RST-1")).isEqualTo(restored.toString());
    assertThat(snapshot(restored)).isEqualTo(snapshot(live));
  }

  @Test
  void aCorruptedArchiveOrAManifestOfOtherFilesFailsVerification() throws Exception {
    Path archive = store.resolve("BAK-2.tar.gz");
    Manifest manifest = backup.dump(target, "BAK-2", archive);

    Manifest otherFiles = new Manifest("files", "BAK-2", manifest.createdAt(), manifest.sizeBytes(), manifest.sha256(),
        manifest.tool(), null, manifest.countedAt(), Map.of(), new Manifest.Contents(4, 200_033, manifest.contents().listingSha256()));
    assertThatThrownBy(() -> backup.verify(target, archive, otherFiles)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("does not match its manifest: 4 files of 200033 bytes");

    byte[] bytes = Files.readAllBytes(archive);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 16; i++) {
      bytes[i] ^= 0x5A;
    }
    Files.write(archive, bytes);
    assertThatThrownBy(() -> backup.verify(target, archive, manifest)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("The archive cannot be read: tar failed");
    assertThat(children(store)).containsExactly("BAK-2.tar.gz");
  }

  @Test
  void aMissingDirectoryFailsTheDumpAndLeavesNothing() throws Exception {
    BackupTarget gone = BackupTarget.directory("gone", root.resolve("no-such-dir"));
    assertThatThrownBy(() -> backup.dump(gone, "BAK-3", store.resolve("BAK-3.tar.gz"))).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("Directory " + root.resolve("no-such-dir") + " of target gone does not exist");
    BackupTarget storeInside = BackupTarget.directory("store", root);
    assertThatThrownBy(() -> backup.dump(storeInside, "BAK-3", store.resolve("BAK-3.tar.gz")))
        .isInstanceOf(BackupFailure.class).hasMessageContaining("the archive would hold itself");
    assertThat(children(store)).isEmpty();
  }

  @Test
  void aDumpStoppedByItsTimeLimitLeavesNoPartialFileAndNoArchive() throws Exception {
    settings.setToolTimeout(Duration.ofNanos(1));
    assertThatThrownBy(() -> backup.dump(target, "BAK-4", store.resolve("BAK-4.tar.gz"))).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("Archive of " + live + ": tar did not finish within");
    assertThat(children(store)).isEmpty();
  }

  @Test
  void switchInPutsTheRestoredTreeInPlaceKeepsTheLiveOneAsideAndDoesNothingTheSecondTime() throws Exception {
    Path archive = store.resolve("BAK-5.tar.gz");
    Manifest manifest = backup.dump(target, "BAK-5", archive);
    Map<String, String> backedUp = snapshot(live);
    Files.writeString(live.resolve("a.txt"), "changed after the backup");
    Files.writeString(live.resolve("new.txt"), "new after the backup");
    Map<String, String> changed = snapshot(live);

    String restored = backup.restoreBeside(target, archive, manifest, "RST-5");
    Path before = Path.of(backup.switchIn(target, restored, "RST-5"));

    assertThat(before).isEqualTo(root.resolve("srv").resolve("files.before-RST-5"));
    assertThat(snapshot(live)).isEqualTo(backedUp);
    assertThat(snapshot(before)).isEqualTo(changed);
    assertThat(Path.of(restored)).doesNotExist();

    assertThat(backup.switchIn(target, restored, "RST-5")).isEqualTo(before.toString());
    assertThat(snapshot(live)).isEqualTo(backedUp);
    assertThat(snapshot(before)).isEqualTo(changed);
    assertThat(children(root.resolve("srv"))).containsExactlyInAnyOrder("files", "files.before-RST-5");
  }

  @Test
  void aLostDirectoryIsRestoredInItsPlaceBesideAnEmptyBeforeFolder() throws Exception {
    Path archive = store.resolve("BAK-6.tar.gz");
    Manifest manifest = backup.dump(target, "BAK-6", archive);
    Map<String, String> backedUp = snapshot(live);
    Folders.deleteTree(live);

    Path before = Path.of(backup.switchIn(target, backup.restoreBeside(target, archive, manifest, "RST-6"), "RST-6"));

    assertThat(snapshot(live)).isEqualTo(backedUp);
    assertThat(children(before)).isEmpty();
  }

  @Test
  void archiveEntriesThatWouldLandOutsideTheirFolderAreRefusedBeforeAnythingIsExtracted() throws Exception {
    Manifest manifest = backup.dump(target, "BAK-7", store.resolve("BAK-7.tar.gz"));
    Path crafted = Files.createDirectories(root.resolve("crafted"));
    Files.writeString(crafted.resolve("evil"), "written outside");
    Files.createDirectories(crafted.resolve("real").resolve("x"));
    Files.createSymbolicLink(crafted.resolve("out"), root.resolve("outside"));
    Files.writeString(crafted.resolve("real").resolve("x").resolve("evil"), "written through a link");

    Map<String, List<String>> cases = Map.of(
        "with \"..\"", List.of("--transform=s,^evil,../evil,", "evil"),
        "an absolute path", List.of("--transform=s,^evil," + root.resolve("abs-evil") + ",", "evil"),
        "below its link", List.of("--transform=s,^real,out,", "out", "real/x/evil"));
    int n = 0;
    for (var attack : cases.entrySet()) {
      Path archive = store.resolve("EVIL-" + ++n + ".tar.gz");
      List<String> command = new ArrayList<>(List.of("tar", "--create", "--gzip", "--absolute-names",
          "--file=" + archive, "--directory=" + crafted));
      command.addAll(attack.getValue());
      new ProcessRunner().run(command, Map.of(), null, Duration.ofSeconds(60));

      assertThatThrownBy(() -> backup.verify(target, archive, manifest)).as(attack.getKey())
          .isInstanceOf(BackupFailure.class).hasMessageContaining(attack.getKey());
      assertThatThrownBy(() -> backup.restoreBeside(target, archive, manifest, "RST-7")).as(attack.getKey())
          .isInstanceOf(BackupFailure.class).hasMessageContaining(attack.getKey());
    }
    assertThat(children(root.resolve("srv"))).containsExactly("files");
    assertThat(children(store)).allMatch(name -> name.endsWith(".tar.gz"));
    assertThat(root.resolve("store").resolve("evil")).doesNotExist();
    assertThat(root.resolve("srv").resolve("evil")).doesNotExist();
    assertThat(root.resolve("abs-evil")).doesNotExist();
    assertThat(root.resolve("outside")).doesNotExist();
  }

  /** Every entry below {@code folder}: a file's content, a link's target, or "dir". */
  private static Map<String, String> snapshot(Path folder) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(p -> !p.equals(folder)).toList()) {
        entries.put(folder.relativize(path).toString(), Files.isSymbolicLink(path) ? "-> " + Files.readSymbolicLink(path)
            : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "dir"
            : new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
      }
    }
    return entries;
  }

  private static List<String> children(Path folder) throws IOException {
    try (Stream<Path> paths = Files.list(folder)) {
      return paths.map(p -> p.getFileName().toString()).toList();
    }
  }
}
