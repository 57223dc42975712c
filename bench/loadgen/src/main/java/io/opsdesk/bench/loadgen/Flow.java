package io.opsdesk.bench.loadgen;

/**
 * Scenario 2: task work through the engine REST API. Each client opens a request and works its tasks in
 * turn as the right users (claiming group tasks), then opens the next; OpsDesk's five tasks (accept →
 * confirm) against the baseline's one. Figure: tasks completed per second, counted after a lead-in as
 * long as the window, so that every client is past its first request (at 8 clients on a loaded machine
 * OpsDesk's first start and accept task take longer than a short window).
 */
final class Flow implements Scenario {

  @Override
  public void run(Session session) throws Exception {
    for (int clients : session.options().flowClients()) {
      FlowWorker[] workers = FlowWorker.clients(session, clients);
      ClosedLoop.Result<Integer> result = ClosedLoop.run(clients, session.options().seconds(), session.options().seconds(),
          client -> workers[client].next());
      double tasksPerSecond = result.outcomes().stream().mapToInt(Integer::intValue).sum() / result.seconds();
      session.record("flow " + clients + (clients == 1 ? " client" : " clients") + ": tasks completed", "tasks/s", tasksPerSecond);
      session.log("flow %d clients: %.1f tasks/s, errors %d%s", clients, tasksPerSecond, result.errors(),
          result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
      JobBacklog.secondsToDrain(session.database());
    }
  }
}
