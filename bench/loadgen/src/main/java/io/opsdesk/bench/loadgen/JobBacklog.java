package io.opsdesk.bench.loadgen;

import java.sql.SQLException;

/**
 * The job executor's backlog: asynchronous continuations waiting in ACT_RU_JOB (timers, due in hours,
 * and jobs out of retries are not work waiting to be done), sampled once a second during a window.
 */
final class JobBacklog {

  private static final String WAITING = "SELECT count(*) FROM act_ru_job WHERE type_ = 'message' AND retries_ > 0";
  private static final long DRAIN_TIMEOUT_MS = 300_000;

  private final Database database;
  private final Thread sampler;
  private volatile long max;

  private JobBacklog(Database database) {
    this.database = database;
    this.sampler = new Thread(this::sample, "job-backlog");
  }

  static JobBacklog sample(Database database) {
    JobBacklog backlog = new JobBacklog(database);
    backlog.sampler.start();
    return backlog;
  }

  private void sample() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        max = Math.max(max, database.number(WAITING));
        Thread.sleep(1000);
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops sampling (see {@link #max}). */
  void close() throws InterruptedException {
    sampler.interrupt();
    sampler.join();
  }

  /** The largest backlog sampled. */
  long max() {
    return max;
  }

  /** Seconds until no continuation waits any more (0 if none waits now; checked every 250 ms), NaN if not within 5 minutes. */
  static double secondsToDrain(Database database) throws SQLException, InterruptedException {
    long start = System.nanoTime();
    while (database.number(WAITING) > 0) {
      Thread.sleep(250);
      if ((System.nanoTime() - start) / 1_000_000 > DRAIN_TIMEOUT_MS) {
        return Double.NaN;
      }
      if (database.number(WAITING) == 0) {
        return (System.nanoTime() - start) / 1e9;
      }
    }
    return 0;
  }
}
