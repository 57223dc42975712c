package io.opsdesk.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Runs an external tool (pg_dump, pg_restore, tar...) the way a backup needs it: the command is an
 * argument list handed to the operating system, never to a shell, so no value can become a second
 * command; the tool gets a time limit, after which it and every process it started are killed; its
 * standard error is kept (the last {@value #STDERR_TAIL} bytes) for the failure message; any exit code but
 * 0 is a failure. Output meant for a file goes to {@code <file>.partial} first and gets its real name
 * only once the tool has succeeded, so that a half-written archive never looks finished; on failure the
 * partial file is removed.
 */
@Component
public class ProcessRunner {

  static final int STDERR_TAIL = 4096;

  /** What a successful run left behind. */
  public record Result(Duration took, String stderrTail) {
  }

  /**
   * Runs {@code command} (program first, then its arguments) in {@code workingDirectory}, with
   * {@code environment} added to the child's own (e.g. PGPASSWORD: never on the command line, where
   * every user of the machine can read it). Standard output goes to {@code output} when given, else it is
   * discarded.
   */
  public Result run(List<String> command, Map<String, String> environment, Path output, Duration timeout)
      throws ToolFailure {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("No command");
    }
    String tool = Path.of(command.get(0)).getFileName().toString();
    Path partial = output == null ? null : output.resolveSibling(output.getFileName() + ".partial");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .redirectOutput(partial == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(partial.toFile()));
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new ToolFailure(tool + " could not be started (" + e.getMessage() + ")", "");
    }
    StderrTail stderr = new StderrTail(process.getErrorStream());
    Thread reader = new Thread(stderr, tool + "-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        reader.join(1000);
        deleteQuietly(partial);
        throw new ToolFailure(tool + " did not finish within " + timeout + " and was stopped", stderr.text());
      }
      reader.join(1000);
    } catch (InterruptedException e) {
      killTree(process);
      deleteQuietly(partial);
      Thread.currentThread().interrupt();
      throw new ToolFailure(tool + " was interrupted", stderr.text());
    }
    if (process.exitValue() != 0) {
      deleteQuietly(partial);
      throw new ToolFailure(tool + " failed with exit code " + process.exitValue(), stderr.text());
    }
    if (partial != null) {
      try {
        Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        deleteQuietly(partial);
        throw new ToolFailure(tool + " succeeded but its output could not be named " + output.getFileName(), "");
      }
    }
    return new Result(Duration.ofNanos(System.nanoTime() - started), stderr.text());
  }

  /** The first line a tool prints for {@code --version}, for the manifest. */
  public String versionLine(String program, Duration timeout) throws ToolFailure, IOException {
    Path out = Files.createTempFile("tool-version", ".txt");
    try {
      run(List.of(program, "--version"), Map.of(), out, timeout);
      try (var lines = Files.lines(out)) {
        return lines.findFirst().orElse(program).strip();
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  // The tool's children first: a pg_dump started by a wrapper script must not outlive it.
  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove the partial output " + file, e);
      }
    }
  }

  /** Reads a stream to its end, keeping only its last bytes. */
  private static final class StderrTail implements Runnable {

    private final InputStream in;
    private final byte[] ring = new byte[STDERR_TAIL];
    private long total;

    StderrTail(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[1024];
      try (in) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          synchronized (ring) {
            for (int i = 0; i < n; i++) {
              ring[(int) (total++ % STDERR_TAIL)] = buffer[i];
            }
          }
        }
      } catch (IOException e) {
        // The tool was killed or closed its stream: what was read so far is the tail.
      }
    }

    String text() {
      synchronized (ring) {
        int size = (int) Math.min(total, STDERR_TAIL);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
          bytes[i] = ring[(int) ((total - size + i) % STDERR_TAIL)];
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
  }
}
