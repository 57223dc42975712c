package io.opsdesk.bench.loadgen;

import java.util.List;

import io.opsdesk.bench.loadgen.Measurements.Side;

/**
 * Scenario 4: a group's task list with many open requests (BENCH_OPEN_REQUESTS, default 100,000; seeded by
 * {@link Seeding}), as Tasklist asks for it: the first page of the group's tasks and their count through the
 * engine REST API, Tasklist's filter list with the count of each filter, and OpsDesk's own first page of
 * tickets. p95 at 1 and 8 closed-loop clients, each call measured on its own.
 */
final class TaskList implements Scenario {

  /** What one call asks for; {@code opsdeskOnly} calls have no counterpart in the baseline. */
  private record Call(String name, String path, boolean opsdeskOnly) {
  }

  private static final List<Integer> CLIENTS = List.of(1, 8);

  @Override
  public void run(Session session) throws Exception {
    long open = Long.parseLong(System.getenv().getOrDefault("BENCH_OPEN_REQUESTS", "100000"));
    Seeding.seed(session, open); // at least `open`; named by what was asked, so both applications' rows line up
    String group = session.target().workGroup();
    List<Call> calls = List.of(
        new Call("group's first 15 tasks", "/engine-rest/task?candidateGroup=" + group + "&firstResult=0&maxResults=15", false),
        new Call("group's task count", "/engine-rest/task/count?candidateGroup=" + group, false),
        new Call("Tasklist filters with counts", "/engine-rest/filter?resourceType=Task&itemCount=true", true),
        new Call("/api/tickets?size=50", "/api/tickets?size=50", true));
    for (int clients : CLIENTS) {
      for (Call call : calls) {
        if (call.opsdeskOnly() && session.target().side() == Side.BARE) {
          continue;
        }
        ClosedLoop.Result<Object> result = ClosedLoop.run(clients, session.options().seconds(),
            client -> session.http().get(session.target().groupWorker(client), call.path()));
        String figure = "task list, " + open / 1000 + "k open, " + clients + (clients == 1 ? " client" : " clients")
            + ", " + call.name() + ": p95";
        double p95 = Stats.percentile(result.latenciesMs(), 95);
        session.record(figure, "ms", p95);
        if (result.errors() > 0) { // e.g. not answered within the client's 60 s: no p95 to show
          session.record(figure.replace(": p95", ": calls failed or timed out"), "calls", result.errors());
        }
        session.log("%s %.0f ms (%d answers, p50 %.0f ms, errors %d%s)", figure, p95, result.latenciesMs().size(),
            Stats.percentile(result.latenciesMs(), 50), result.errors(),
            result.firstError() == null ? "" : ", first: " + result.firstError());
      }
    }
  }
}
