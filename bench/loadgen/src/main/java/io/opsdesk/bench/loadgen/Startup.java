package io.opsdesk.bench.loadgen;

/**
 * Scenario 6: time from launch to health UP on the session's new database, and resident memory after the
 * session's other scenarios; then the start-up of a second instance on the same database, now in use (its
 * schema, models and set-up already there), which is what a restart meets.
 */
final class Startup implements Scenario {

  @Override
  public void run(Session session) throws Exception {
    double rss = session.app().residentMiB();
    session.record("start-up to health UP, new database", "s", session.app().startupSeconds());
    session.record("resident memory after warm-up (VmRSS)", "MiB", rss);
    try (LaunchedApp again = session.startAnother("restart")) {
      session.record("start-up to health UP, database in use (as a restart)", "s", again.startupSeconds());
      session.log("startup %.1f s, RSS %.0f MiB; on the database in use %.1f s", session.app().startupSeconds(), rss,
          again.startupSeconds());
    }
  }
}
