package io.opsdesk.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An application under test, run as {@code java <jvm args> -jar <jar> <args>} in a child process of its own:
 * the time from launch to {@code /actuator/health} UP, its resident memory, a clean stop.
 */
final class LaunchedApp implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final Process process;
  private final Path log;
  private final double startupSeconds;

  private LaunchedApp(Process process, Path log, double startupSeconds) {
    this.process = process;
    this.log = log;
    this.startupSeconds = startupSeconds;
  }

  /** Launches the jar in {@code workDir} (its ./data and the like stay there) and waits for health UP. */
  static LaunchedApp start(Path jar, List<String> jvmArgs, List<String> args, int port, Path workDir, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(args);
    long launched = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    // A load generator stopped by Ctrl-C takes its application with it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    Http http = new Http(port);
    long deadline = launched + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(jar.getFileName() + " stopped during start-up (exit " + process.exitValue() + "), see " + log);
      }
      if (healthy(http)) {
        return new LaunchedApp(process, log, (System.nanoTime() - launched) / 1e9);
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IOException(jar.getFileName() + " not UP within " + START_TIMEOUT + ", see " + log);
  }

  private static boolean healthy(Http http) {
    try {
      return http.status(null, "/actuator/health") == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  double startupSeconds() {
    return startupSeconds;
  }

  /** Resident memory now (VmRSS of /proc/<pid>/status), in MiB. */
  double residentMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IOException("no VmRSS for process " + process.pid());
  }

  Path log() {
    return log;
  }

  /** SIGTERM (Spring's graceful shutdown), killed if still running after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
