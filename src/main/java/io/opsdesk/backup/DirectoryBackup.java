package io.opsdesk.backup;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsdesk.backup.Manifest.Contents;
import org.springframework.stereotype.Component;

/**
 * Directory targets: a {@code <runId>.tar.gz} made with GNU tar through {@link ProcessRunner}, described
 * in the manifest by what tar lists in the archive just made (not the live directory, which may have
 * changed since), and proven by a real extraction into a scratch folder whose tree must equal that
 * listing. Entries that would land outside the folder they are extracted into (absolute paths, "..",
 * paths through a link of the archive) are refused before tar extracts anything.
 *
 * <p>Besides the nightly backup it serves the restore: {@link #restoreBeside} extracts next to the live
 * directory, {@link #switchIn} swaps the restored tree in.
 */
@Component
public class DirectoryBackup implements BackupMethod {

  static final String COUNTED_AT = "listed from the archive";

  // tar's messages in English, and every name byte outside ASCII as an octal escape, which the listing
  // decodes back into the very name Java gives the extracted file.
  private static final Map<String, String> C_LOCALE = Map.of("LC_ALL", "C");
  private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  // "tar --list --verbose --numeric-owner --quoting-style=c": mode, uid/gid, size, time, name[, link].
  private static final Pattern LISTED = Pattern.compile(
      "(.)\\S* \\S+ +(\\S+) [^\"]*" + QUOTED + "(?:( -> | link to )" + QUOTED + ")?");
  private static final int SHOWN_DIFFERENCES = 5;

  private final ProcessRunner runner;
  private final BackupSettings settings;

  public DirectoryBackup(ProcessRunner runner, BackupSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  @Override
  public String extension(BackupTarget target) {
    return ".tar.gz";
  }

  /**
   * Archives the directory's content (as {@code ./...}). GNU tar exits 1 when a file changed while it
   * was read ("file changed as we read it"); like any exit but 0 that is a failure here, on purpose:
   * such a file may be torn in the archive (half old, half new), and a backup that cannot vouch for its
   * files is better FAILED (visible, and tried again by the next run) than verified. A directory that is
   * always being written is backed up from a quiet moment or a filesystem snapshot.
   */
  @Override
  public Manifest dump(BackupTarget target, String runId, Path archive) throws BackupFailure, IOException {
    Path directory = directoryOf(target);
    if (!Files.isDirectory(directory)) {
      throw new BackupFailure("Directory " + directory + " of target " + target.name() + " does not exist or is not a directory");
    }
    if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
      throw new BackupFailure("Directory " + directory + " of target " + target.name() + " cannot be read by this user");
    }
    if (archive.toAbsolutePath().normalize().startsWith(directory)) {
      throw new BackupFailure("The backup store lies inside directory " + directory + " of target " + target.name()
          + ": the archive would hold itself");
    }
    try {
      runner.run(List.of("tar", "--create", "--gzip", "--file=-", "--directory=" + directory, "."), C_LOCALE, archive,
          settings.getToolTimeout());
    } catch (ToolFailure e) {
      throw new BackupFailure("Archive of " + directory + ": " + e.getMessage());
    }
    try {
      String tool = tarVersion();
      Contents contents = summary(listing(archive));
      return new Manifest(target.name(), runId, Instant.now(), Files.size(archive), Checksums.sha256(archive), tool, null,
          COUNTED_AT, Map.of(), contents);
    } catch (BackupFailure | IOException | RuntimeException e) {
      Files.deleteIfExists(archive);
      throw e;
    }
  }

  /**
   * Extracts the archive into a fresh scratch folder beside it (the store is sized for archives, where
   * the temporary folder is often a small RAM disk), compares, and deletes the folder whatever happened.
   */
  @Override
  public void verify(BackupTarget target, Path archive, Manifest manifest) throws BackupFailure, IOException {
    Contents expected = contents(manifest);
    Path scratch = Files.createTempDirectory(archive.toAbsolutePath().getParent(), ".verify-");
    try {
      extractChecked(archive, expected, scratch);
    } finally {
      Folders.deleteTree(scratch);
    }
  }

  /**
   * Extracts the archive into the new folder {@code <directory>.restore-<restoreId>} beside the live
   * directory (never into it) and checks it as the test restore does; answers that folder. A folder of
   * that name can only be left by an interrupted attempt of this very restore: it is made again from
   * the start. On failure removes what it made.
   */
  @Override
  public String restoreBeside(BackupTarget target, Path archive, Manifest manifest, String restoreId)
      throws BackupFailure, IOException {
    Contents expected = contents(manifest);
    Path restored = beside(directoryOf(target), "restore", restoreId);
    Folders.deleteTree(restored);
    Files.createDirectory(restored);
    try {
      extractChecked(archive, expected, restored);
      return restored.toString();
    } catch (BackupFailure | IOException | RuntimeException e) {
      Folders.deleteTree(restored);
      throw e;
    }
  }

  /**
   * Puts the folder {@link #restoreBeside} made in the live directory's place: the live directory is
   * renamed to {@code <directory>.before-<restoreId>} (kept, never deleted here), then the restored one
   * to the live name; both renames stay in one parent folder, so each is atomic. When the second fails,
   * the live directory is renamed back. A live directory that was missing leaves an empty before-folder,
   * so that the switch is recorded either way. Returns the before-folder.
   *
   * <p>Idempotent by the folders' names: restored folder gone, before-folder and live directory present
   * means this restore was switched in already, and nothing is done again. A switch interrupted between
   * the renames (live directory gone, the two others present) is completed.
   */
  @Override
  public String switchIn(BackupTarget target, String restored, String restoreId) throws BackupFailure {
    try {
      return switchFolders(target, Path.of(restored), restoreId).toString();
    } catch (IOException e) {
      throw new BackupFailure("Switching in the copy of " + target.name() + ": " + e.getMessage());
    }
  }

  private Path switchFolders(BackupTarget target, Path restored, String restoreId) throws BackupFailure, IOException {
    Path live = directoryOf(target);
    Path expected = beside(live, "restore", restoreId);
    if (!restored.toAbsolutePath().normalize().equals(expected)) {
      throw new IllegalArgumentException(restored + " is not the folder of restore " + restoreId + " (" + expected + ")");
    }
    Path before = beside(live, "before", restoreId);
    boolean restoredThere = Files.isDirectory(expected, LinkOption.NOFOLLOW_LINKS);
    boolean beforeThere = Files.exists(before, LinkOption.NOFOLLOW_LINKS);
    boolean liveThere = Files.exists(live, LinkOption.NOFOLLOW_LINKS);
    if (!restoredThere && beforeThere && liveThere) {
      return before;
    }
    if (!restoredThere) {
      throw new BackupFailure("Restore " + restoreId + " of " + target.name() + ": " + expected + " does not exist");
    }
    if (beforeThere && liveThere) {
      throw new BackupFailure("Restore " + restoreId + " of " + target.name() + ": both " + live + " and " + before
          + " exist; which one holds the data the restore replaced must be decided by hand");
    }
    boolean madeEmpty = false;
    if (!beforeThere) {
      if (liveThere) {
        rename(live, before);
      } else {
        Files.createDirectory(before);
        madeEmpty = true;
      }
    }
    try {
      rename(expected, live);
    } catch (BackupFailure e) {
      if (madeEmpty) {
        Files.delete(before);
      } else {
        rename(before, live);
      }
      throw e;
    }
    return before;
  }

  private static void rename(Path from, Path to) throws BackupFailure {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BackupFailure("Cannot rename " + from + " to " + to + " (" + e + ")");
    }
  }

  /** Lists the archive (refusing unsafe entries), extracts it into {@code into} and compares both with the manifest. */
  private void extractChecked(Path archive, Contents expected, Path into) throws BackupFailure, IOException {
    SortedMap<String, String> listed = listing(archive);
    Contents found = summary(listed);
    if (!found.equals(expected)) {
      throw new BackupFailure("The archive does not match its manifest: " + describe(expected) + " in the manifest, "
          + describe(found) + " in the archive");
    }
    try {
      runner.run(List.of("tar", "--extract", "--gzip", "--preserve-permissions", "--file=" + archive.toAbsolutePath(),
          "--directory=" + into.toAbsolutePath()), C_LOCALE, null, settings.getToolTimeout());
    } catch (ToolFailure e) {
      throw new BackupFailure("Test extraction of " + archive.getFileName() + ": " + e.getMessage());
    }
    SortedMap<String, String> extracted = tree(into);
    if (!extracted.equals(listed)) {
      throw new BackupFailure("The extracted files differ from the archive: " + differences(listed, extracted));
    }
  }

  /**
   * The archive's entries by relative path (without "./" and a trailing "/"), each described as
   * "dir", "file <bytes>", "link <target>" or "other"; a hard link is described as the file it links to.
   * Refuses absolute paths, "..", hard links that leave the archive and entries below a link of the
   * archive: any of them could write outside the folder the archive is extracted into.
   */
  private SortedMap<String, String> listing(Path archive) throws BackupFailure, IOException {
    Path out = Files.createTempFile("tar-listing", ".txt");
    try {
      runner.run(List.of("tar", "--list", "--verbose", "--numeric-owner", "--quoting-style=c", "--gzip",
          "--file=" + archive.toAbsolutePath()), C_LOCALE, out, settings.getToolTimeout());
      SortedMap<String, String> entries = new TreeMap<>();
      Set<String> links = new HashSet<>();
      try (BufferedReader lines = Files.newBufferedReader(out, StandardCharsets.ISO_8859_1)) {
        for (String line; (line = lines.readLine()) != null; ) {
          Matcher m = LISTED.matcher(line);
          if (!m.matches()) {
            throw new BackupFailure("tar listed an entry this backup cannot read: " + line);
          }
          String path = inside(unquote(m.group(3)));
          if (path.isEmpty()) {
            continue;
          }
          for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (links.contains(path.substring(0, slash))) {
              throw new BackupFailure("The archive's entry " + path + " lies below its link " + path.substring(0, slash));
            }
          }
          entries.put(path, switch (m.group(1).charAt(0)) {
            case 'd' -> "dir";
            case '-', 'C' -> "file " + Long.parseLong(m.group(2));
            case 'h' -> linkedFile(entries, path, inside(unquote(m.group(5))));
            case 'l' -> {
              links.add(path);
              yield "link " + Path.of(unquote(m.group(5)));
            }
            default -> "other";
          });
        }
      }
      return entries;
    } catch (ToolFailure e) {
      throw new BackupFailure("The archive cannot be read: " + e.getMessage());
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String linkedFile(Map<String, String> entries, String path, String target) throws BackupFailure {
    String file = entries.get(target);
    if (file == null || !file.startsWith("file ")) {
      throw new BackupFailure("The archive's hard link " + path + " points to " + target + ", not a file before it");
    }
    return file;
  }

  /** The name as a path relative to the extraction folder; refuses names that would leave it. */
  private static String inside(String name) throws BackupFailure {
    if (name.startsWith("/")) {
      throw new BackupFailure("The archive holds an absolute path, which would land outside its folder: " + name);
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new BackupFailure("The archive holds a path with \"..\", which could land outside its folder: " + name);
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  /** A name as tar quotes it with --quoting-style=c in the C locale: ASCII, with C escapes. */
  private static String unquote(String quoted) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c != '\\' || i + 1 == quoted.length()) {
        bytes.write(c);
        continue;
      }
      char next = quoted.charAt(++i);
      if (next >= '0' && next <= '7') {
        int value = 0;
        int end = Math.min(i + 3, quoted.length());
        for (; i < end && quoted.charAt(i) >= '0' && quoted.charAt(i) <= '7'; i++) {
          value = value * 8 + quoted.charAt(i) - '0';
        }
        i--;
        bytes.write(value);
      } else {
        bytes.write(switch (next) {
          case 'a' -> 7;
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'v' -> 11;
          default -> next;
        });
      }
    }
    return new String(bytes.toByteArray(), FILE_NAMES);
  }

  /** The extracted tree, described as {@link #listing} describes the archive. */
  private static SortedMap<String, String> tree(Path root) throws IOException {
    SortedMap<String, String> entries = new TreeMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        if (!dir.equals(root)) {
          entries.put(root.relativize(dir).toString(), "dir");
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        entries.put(root.relativize(file).toString(), attributes.isSymbolicLink() ? "link " + Files.readSymbolicLink(file)
            : attributes.isRegularFile() ? "file " + attributes.size() : "other");
        return FileVisitResult.CONTINUE;
      }
    });
    return entries;
  }

  private static Contents summary(SortedMap<String, String> entries) {
    MessageDigest digest = Checksums.sha256();
    long files = 0;
    long bytes = 0;
    for (var entry : entries.entrySet()) {
      // NUL ends each field: the one character no file name holds.
      digest.update((entry.getKey() + '\0' + entry.getValue() + '\0').getBytes(StandardCharsets.UTF_8));
      if (entry.getValue().startsWith("file ")) {
        files++;
        bytes += Long.parseLong(entry.getValue().substring("file ".length()));
      }
    }
    return new Contents(files, bytes, HexFormat.of().formatHex(digest.digest()));
  }

  private static String describe(Contents contents) {
    return contents.files() + " files of " + contents.bytes() + " bytes (listing " + contents.listingSha256() + ")";
  }

  private static String differences(Map<String, String> archived, Map<String, String> extracted) {
    Set<String> paths = new TreeSet<>(archived.keySet());
    paths.addAll(extracted.keySet());
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      String a = archived.getOrDefault(path, "missing");
      String e = extracted.getOrDefault(path, "missing");
      if (!a.equals(e) && out.size() < SHOWN_DIFFERENCES) {
        out.add(path + " (archive: " + a + ", extracted: " + e + ")");
      }
    }
    return String.join("; ", out);
  }

  private static Contents contents(Manifest manifest) throws BackupFailure {
    if (manifest.contents() == null) {
      throw new BackupFailure("The manifest of " + manifest.runId() + " does not describe a directory's archive");
    }
    return manifest.contents();
  }

  private static Path directoryOf(BackupTarget target) {
    if (target.kind() != BackupTarget.Kind.DIRECTORY) {
      throw new IllegalArgumentException(target + " is not a directory");
    }
    return target.directory();
  }

  /** {@code <directory>.<what>-<restoreId>}: a sibling, so that renames between them stay on one filesystem. */
  private static Path beside(Path directory, String what, String restoreId) {
    if (restoreId == null || !restoreId.matches(BackupTargets.TARGET_NAME)) {
      throw new IllegalArgumentException("A restore id is letters, digits, _ and -: " + restoreId);
    }
    return directory.resolveSibling(directory.getFileName() + "." + what + "-" + restoreId);
  }

  private String tarVersion() throws BackupFailure, IOException {
    try {
      return runner.versionLine("tar", settings.getToolTimeout());
    } catch (ToolFailure e) {
      throw new BackupFailure(e.getMessage());
    }
  }
}
