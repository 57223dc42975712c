package io.opsdesk.bench.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many open requests, quickly (docs/performance.md, "Seeding"): a few hundred are opened through the engine
 * REST API as a user would and wait at their {@code accept} task; then multiply.sql copies each of them, with
 * every row of every table they touched (runtime, history, authorizations, tickets), under ids of their own,
 * and the tables are analysed. The copies are real to the engine: Tasklist lists them, they can be claimed
 * and completed, their timers fire.
 */
final class Seeding {

  /** Requests opened through the engine for each seeding; the rest are copies of them. */
  static final int OPENED = 300;

  private Seeding() {
  }

  /** Seeds {@code open} open requests (at least {@link #OPENED}); answers how many there are. */
  static long seed(Session session, long open) throws Exception {
    int opened = (int) Math.min(open, OPENED);
    openThroughEngine(session, opened);
    long waiting = awaitAcceptTasks(session, opened);
    int copies = (int) Math.max(0, (open + waiting - 1) / waiting - 1);
    long started = System.nanoTime();
    try (Statement sql = session.database().connection().createStatement()) {
      if (session.target().side() == Measurements.Side.OPSDESK) {
        // The opening mails of requests opened long ago were sent long ago: the copies do not queue up 100,000 mails.
        sql.execute("UPDATE notification SET status = 'SENT', sent_at = created_at WHERE status <> 'SENT'");
      }
      if (copies > 0) {
        sql.execute(script());
        try (ResultSet rows = sql.executeQuery("SELECT pg_temp.bench_multiply(" + copies + ")")) {
          rows.next();
          session.log("seeding: %d opened, %d copies each, %d rows written", waiting, copies, rows.getLong(1));
        }
      }
      sql.execute("ANALYZE");
    }
    long total = session.database().number("SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'accept'");
    session.log("seeding: %d open requests at their accept task after %.0f s of copying and analysing", total,
        (System.nanoTime() - started) / 1e9);
    return total;
  }

  private static void openThroughEngine(Session session, int count) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> starts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int client = i % 4;
        starts.add(clients.submit(() -> session.target().start(session.http(), client)));
      }
      for (Future<String> start : starts) {
        start.get();
      }
    } finally {
      clients.shutdown();
    }
  }

  /** Waits (up to 5 minutes) until the opened requests' accept tasks exist (OpsDesk classifies asynchronously). */
  private static long awaitAcceptTasks(Session session, int opened) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 300_000_000_000L;
    long tasks;
    while ((tasks = acceptTasks(session)) < opened && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    if (tasks < opened) {
      throw new IllegalStateException("only " + tasks + " of " + opened + " requests reached their accept task");
    }
    return tasks;
  }

  private static long acceptTasks(Session session) throws SQLException {
    try (PreparedStatement count = session.database().connection()
        .prepareStatement("SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'accept'");
        ResultSet row = count.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static String script() throws IOException {
    try (InputStream in = Seeding.class.getResourceAsStream("/multiply.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
