package io.opsdesk.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner over real child processes of this machine's /bin/sh and coreutils. */
class ProcessRunnerTest {

  private final ProcessRunner runner = new ProcessRunner();

  @TempDir Path store;

  @Test
  void outputGetsItsNameOnlyWhenTheToolSucceeded() throws Exception {
    Path archive = store.resolve("opsdesk.dump");

    ProcessRunner.Result result = runner.run(List.of("/bin/sh", "-c", "printf 'dump data'; echo 'a note' >&2"), Map.of(),
        archive, Duration.ofSeconds(20));

    assertThat(archive).hasContent("dump data");
    assertThat(store.resolve("opsdesk.dump.partial")).doesNotExist();
    assertThat(result.stderrTail()).isEqualTo("a note\n");
  }

  @Test
  void argumentsReachTheToolAsTheyAreWithoutAShell() throws Exception {
    Path out = store.resolve("echo.txt");
    String hostile = "x; touch " + store.resolve("pwned") + " $(id) `id` | cat";

    runner.run(List.of("/usr/bin/printf", "%s", hostile), Map.of(), out, Duration.ofSeconds(20));

    assertThat(out).hasContent(hostile);
    assertThat(store.resolve("pwned")).doesNotExist();
  }

  @Test
  void aNonZeroExitIsAFailureWithTheTailOfStandardErrorAndLeavesNoOutput() throws IOException {
    Path archive = store.resolve("broken.dump");
    Files.writeString(store.resolve("broken.dump.partial"), "from an earlier attempt");

    assertThatThrownBy(() -> runner.run(List.of("/bin/sh", "-c", "printf 'half'; echo 'pg_dump: error: connection refused' >&2; exit 3"),
        Map.of(), archive, Duration.ofSeconds(20)))
        .isInstanceOf(ToolFailure.class)
        .hasMessageContaining("sh failed with exit code 3")
        .hasMessageContaining("pg_dump: error: connection refused");
    assertThat(archive).doesNotExist();
    assertThat(store.resolve("broken.dump.partial")).doesNotExist();
  }

  @Test
  void onlyTheLastBytesOfALongStandardErrorAreKept() {
    assertThatThrownBy(() -> runner.run(List.of("/bin/sh", "-c", "yes 'noise' | head -n 5000 >&2; echo 'the cause' >&2; exit 1"),
        Map.of(), null, Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(ToolFailure.class, failure -> {
          assertThat(failure.stderrTail()).hasSizeLessThanOrEqualTo(ProcessRunner.STDERR_TAIL).endsWith("the cause\n");
        });
  }

  @Test
  void aToolOverItsTimeIsStoppedWithEveryProcessItStarted() throws Exception {
    Path pidFile = store.resolve("child.pid");
    Path archive = store.resolve("slow.dump");
    long before = System.nanoTime();

    assertThatThrownBy(() -> runner.run(List.of("/bin/sh", "-c", "sleep 60 & echo $! > " + pidFile + "; printf 'partial'; wait"),
        Map.of(), archive, Duration.ofSeconds(2)))
        .isInstanceOf(ToolFailure.class).hasMessageContaining("did not finish within PT2S");

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));
    long child = Long.parseLong(Files.readString(pidFile).strip());
    // A killed process is gone once the system has reaped it: give that a moment.
    for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).as("the tool's own child alive").isNotEqualTo(Optional.of(true));
    assertThat(archive).doesNotExist();
    assertThat(store.resolve("slow.dump.partial")).doesNotExist();
  }

  @Test
  void secretsGoToTheToolsEnvironmentAndNeverIntoTheMessage() throws Exception {
    Path out = store.resolve("env.txt");
    runner.run(List.of("/bin/sh", "-c", "printf '%s' \"$PGPASSWORD\""), Map.of("PGPASSWORD", "s3cret-pg"), out,
        Duration.ofSeconds(20));
    assertThat(out).hasContent("s3cret-pg");

    assertThatThrownBy(() -> runner.run(List.of("/bin/false"), Map.of("PGPASSWORD", "s3cret-pg"), null, Duration.ofSeconds(20)))
        .isInstanceOf(ToolFailure.class).hasMessageNotContaining("s3cret-pg");
  }

  @Test
  void aToolThatDoesNotExistIsAFailureNotACrash() {
    assertThatThrownBy(() -> runner.run(List.of("/nonexistent/pg_dump", "-Fc"), Map.of(), store.resolve("x.dump"),
        Duration.ofSeconds(20)))
        .isInstanceOf(ToolFailure.class).hasMessageContaining("pg_dump could not be started");
    assertThat(store.resolve("x.dump.partial")).doesNotExist();
  }
}
