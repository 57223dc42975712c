package io.opsdesk.bench.loadgen;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.bench.loadgen.Measurements.Side;
import io.opsdesk.bench.loadgen.Target.Opened;
import io.opsdesk.bench.loadgen.Target.Opener;

/**
 * Scenario 1: requests opened by closed-loop clients at each level of --clients, through each of the
 * application's ways (the baseline's one engine REST start is the yardstick of both of OpsDesk's).
 * Rate, latency, the time from the answer to the instance's {@code accept} task (its creation time in
 * the history table, the same machine's clock), the job backlog and, for OpsDesk, the mail outbox.
 */
final class Intake implements Scenario {

  /** OpsDesk's ways of opening a request, which the rows are named after. */
  private static final List<String> OPSDESK_WAYS = List.of("engine REST", "/api/tickets");

  @Override
  public void run(Session session) throws Exception {
    for (int clients : session.options().clients()) {
      for (Opener opener : session.target().openers()) {
        measure(session, clients, opener);
      }
    }
  }

  private static void measure(Session session, int clients, Opener opener) throws Exception {
    ClosedLoop.Result<Opened> result;
    JobBacklog jobs = JobBacklog.sample(session.database());
    try {
      result = ClosedLoop.run(clients, session.options().seconds(), client -> opener.open().open(session.http(), client));
    } finally {
      jobs.close();
    }
    long backlog = jobs.max();
    double drain = JobBacklog.secondsToDrain(session.database());
    List<Double> toAccept = secondsToAccept(session, result.outcomes());
    // The baseline has no outbox: its row stays empty ("–") but keeps its place in the table.
    double unsent = session.target().side() == Side.OPSDESK
        ? session.database().number("SELECT count(*) FROM notification WHERE status IN ('PENDING', 'SENDING')")
        : Double.NaN;
    List<String> rows = session.target().side() == Side.BARE ? OPSDESK_WAYS : List.of(opener.way());
    for (String way : rows) {
      String figure = figure(clients, way);
      session.record(figure + "rate", "req/s", result.perSecond());
      session.record(figure + "p50", "ms", Stats.percentile(result.latenciesMs(), 50));
      session.record(figure + "p99", "ms", Stats.percentile(result.latenciesMs(), 99));
      session.record(figure + "answer → accept task p50", "s", Stats.percentile(toAccept, 50));
      session.record(figure + "answer → accept task p99", "s", Stats.percentile(toAccept, 99));
      session.record(figure + "job backlog max", "jobs", backlog);
      session.record(figure + "job backlog drained after", "s", drain);
      session.record(figure + "outbox unsent after drain", "mails", unsent);
    }
    session.log("intake %d clients %s: %.1f req/s, p50 %.0f ms, p99 %.0f ms, accept p99 %.2f s (%d of %d found), "
            + "jobs max %d, drained %.1f s, outbox %.0f, errors %d%s", clients, opener.way(), result.perSecond(),
        Stats.percentile(result.latenciesMs(), 50), Stats.percentile(result.latenciesMs(), 99),
        Stats.percentile(toAccept, 99), toAccept.size(), result.outcomes().size(), backlog, drain, unsent,
        result.errors(), result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
  }

  private static String figure(int clients, String way) {
    return "intake " + clients + (clients == 1 ? " client" : " clients") + ", " + way + ": ";
  }

  /**
   * Seconds from each answer to its accept task's creation; 0 where the task was there before the answer
   * (created in the start's own transaction). Requests whose task is missing are left out (the log says).
   */
  private static List<Double> secondsToAccept(Session session, List<Opened> opened) throws SQLException {
    Map<String, Long> byInstance = new HashMap<>();
    Map<String, Long> byBusinessKey = new HashMap<>();
    String query = "SELECT t.proc_inst_id_, p.business_key_, t.start_time_ FROM act_hi_taskinst t"
        + " JOIN act_hi_procinst p ON p.proc_inst_id_ = t.proc_inst_id_ WHERE t.task_def_key_ = 'accept'";
    try (PreparedStatement statement = session.database().connection().prepareStatement(query);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        long created = rows.getTimestamp(3).getTime();
        byInstance.put(rows.getString(1), created);
        if (rows.getString(2) != null) {
          byBusinessKey.put(rows.getString(2), created);
        }
      }
    }
    List<Double> seconds = new ArrayList<>();
    for (Opened request : opened) {
      Long created = request.processInstanceId() != null ? byInstance.get(request.processInstanceId())
          : byBusinessKey.get(request.businessKey());
      if (created != null) {
        seconds.add(Math.max(0, created - request.answeredAtMillis()) / 1000.0);
      }
    }
    return seconds;
  }
}
