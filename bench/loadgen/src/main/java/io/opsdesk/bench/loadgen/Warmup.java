package io.opsdesk.bench.loadgen;

import io.opsdesk.bench.loadgen.Target.Opener;

/**
 * Before the first figure of a session, untimed: each way of opening a request and the task work run for
 * --warmup seconds, so the figures measure compiled code and filled pools, not the JIT's first minute.
 */
final class Warmup {

  static final int CLIENTS = 4;

  private Warmup() {
  }

  static void run(Session session) throws Exception {
    int seconds = session.options().warmupSeconds();
    if (seconds == 0) {
      return;
    }
    for (Opener opener : session.target().openers()) {
      ClosedLoop.run(CLIENTS, seconds, client -> opener.open().open(session.http(), client));
    }
    FlowWorker[] workers = FlowWorker.clients(session, CLIENTS);
    ClosedLoop.run(CLIENTS, seconds, client -> workers[client].next());
    JobBacklog.secondsToDrain(session.database());
    session.log("warmed up");
  }
}
