package io.opsdesk.bench.loadgen;

/** Scenario 6: time from launch to health UP, and resident memory after the session's other scenarios. */
final class Startup implements Scenario {

  @Override
  public void run(Session session) throws Exception {
    double rss = session.app().residentMiB();
    session.record("start-up to health UP", "s", session.app().startupSeconds());
    session.record("resident memory after warm-up (VmRSS)", "MiB", rss);
    session.log("startup %.1f s, RSS %.0f MiB", session.app().startupSeconds(), rss);
  }
}
