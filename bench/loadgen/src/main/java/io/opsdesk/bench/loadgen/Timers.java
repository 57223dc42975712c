package io.opsdesk.bench.loadgen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import io.opsdesk.bench.loadgen.Measurements.Side;

/**
 * Scenario 5 (OpsDesk only: the baseline's process has no timer): SLA timer lag. Open requests are seeded
 * ({@link Seeding}); then the response-due timers ({@code timer-response-due}) of BENCH_TIMERS of them
 * (default 10,000) are made due at one moment 30 s ahead, with everything that names that due time (the
 * {@code responseDue} variable, the ticket and its SLA clock), as if they had all been opened together.
 * The lag of each timer is the time from its due date to its successful execution in the job log
 * (ACT_HI_JOB_LOG). Measured with this node alone, then, on other requests, with a second node (another
 * OpsDesk on the same database).
 */
final class Timers implements Scenario {

  private static final String JOB = "timer-response-due";
  private static final long AHEAD_MILLIS = 30_000;

  @Override
  public void run(Session session) throws Exception {
    if (session.target().side() == Side.BARE) {
      return;
    }
    int timers = Integer.parseInt(System.getenv().getOrDefault("BENCH_TIMERS", "10000"));
    Seeding.seed(session, 2L * timers + Seeding.OPENED);
    measure(session, timers, "1 node");
    try (LaunchedApp second = session.startAnother("node2")) {
      session.log("second node UP after %.1f s", second.startupSeconds());
      measure(session, timers, "2 nodes");
    }
  }

  private static void measure(Session session, int timers, String nodes) throws Exception {
    Timestamp due = new Timestamp(System.currentTimeMillis() + AHEAD_MILLIS);
    List<String> jobs = makeDue(session, timers, due);
    long deadline = System.currentTimeMillis() + AHEAD_MILLIS + 900_000;
    // Waits on the jobs still there (primary key look-ups): asking the job log, which has no index on the job
    // id, every second would scan it in parallel workers and take the CPU the timers are measured on.
    while (remaining(session, jobs) > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(1000);
    }
    List<Double> lags = lags(session, jobs);
    double p50 = Stats.percentile(lags, 50);
    double p99 = Stats.percentile(lags, 99);
    double max = Stats.percentile(lags, 100);
    // The lag is the wait for the job executor's next look (it backs off while it finds nothing) plus the drain.
    double first = Stats.percentile(lags, 0);
    double drainRate = lags.size() / Math.max(0.001, max - first);
    String figure = "SLA timers, " + jobs.size() + " due at once, " + nodes + ": ";
    session.record(figure + "lag p50", "s", p50);
    session.record(figure + "lag p99", "s", p99);
    session.record(figure + "lag max", "s", max);
    session.record(figure + "first executed after", "s", first);
    session.record(figure + "drain rate, first to last", "timers/s", drainRate);
    session.log("%s%d of %d executed, lag p50 %.1f s, p99 %.1f s, max %.1f s; first after %.1f s, then %.0f timers/s",
        figure, lags.size(), jobs.size(), p50, p99, max, first, drainRate);
  }

  /**
   * The response-due timers of {@code count} requests whose response clock still runs, made due at {@code due}
   * together with the due times that name it; answers the jobs' ids.
   */
  private static List<String> makeDue(Session session, int count, Timestamp due) throws SQLException {
    Connection connection = session.database().connection();
    List<String> jobs = new ArrayList<>();
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement pick = connection.prepareStatement("""
          SELECT j.id_ FROM act_ru_job j JOIN ticket t ON t.process_instance_id = j.process_instance_id_
          WHERE j.handler_cfg_ = ? AND t.response_breached = false ORDER BY j.id_ LIMIT ?""")) {
        pick.setString(1, JOB);
        pick.setInt(2, count);
        try (ResultSet rows = pick.executeQuery()) {
          while (rows.next()) {
            jobs.add(rows.getString(1));
          }
        }
      }
      String[] ids = jobs.toArray(String[]::new);
      update(connection, "UPDATE act_ru_job SET duedate_ = ? WHERE id_ = ANY (?)", due, ids);
      update(connection, """
          UPDATE act_ru_variable v SET long_ = ?, text_ = NULL FROM act_ru_job j
          WHERE j.id_ = ANY (?) AND v.proc_inst_id_ = j.process_instance_id_ AND v.execution_id_ = j.process_instance_id_
          AND v.name_ = 'responseDue'""", due.getTime(), ids);
      update(connection, """
          UPDATE ticket t SET response_due = ? FROM act_ru_job j
          WHERE j.id_ = ANY (?) AND t.process_instance_id = j.process_instance_id_""", due, ids);
      update(connection, """
          UPDATE ticket_sla_clock c SET due_at = ? FROM act_ru_job j JOIN ticket t ON t.process_instance_id = j.process_instance_id_
          WHERE j.id_ = ANY (?) AND c.ticket_id = t.ticket_id AND c.clock = 'RESPONSE'""", due, ids);
      connection.commit();
    } finally {
      connection.setAutoCommit(true);
    }
    return jobs;
  }

  private static void update(Connection connection, String sql, Object due, String[] ids) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setObject(1, due);
      update.setArray(2, connection.createArrayOf("varchar", ids));
      update.executeUpdate();
    }
  }

  /** How many of the jobs have not yet run successfully (a job that failed stays, with fewer retries). */
  private static long remaining(Session session, List<String> jobs) throws SQLException {
    Connection connection = session.database().connection();
    try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM act_ru_job WHERE id_ = ANY (?)")) {
      query.setArray(1, connection.createArrayOf("varchar", jobs.toArray(String[]::new)));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** Seconds from due date to successful execution of each of the jobs that ran successfully. */
  private static List<Double> lags(Session session, List<String> jobs) throws SQLException {
    Connection connection = session.database().connection();
    List<Double> lags = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("""
        SELECT extract(epoch FROM timestamp_ - job_duedate_) FROM act_hi_job_log
        WHERE job_id_ = ANY (?) AND job_state_ = 2""")) {
      query.setArray(1, connection.createArrayOf("varchar", jobs.toArray(String[]::new)));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          lags.add(rows.getDouble(1));
        }
      }
    }
    return lags;
  }
}
