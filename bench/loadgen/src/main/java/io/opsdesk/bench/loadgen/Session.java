package io.opsdesk.bench.loadgen;

import java.io.IOException;

/** One application, freshly started on a fresh database, in one round: what a scenario works with. */
record Session(int round, Target target, LaunchedApp app, Http http, Database database, Options options,
    Measurements measurements) {

  void record(String figure, String unit, double value) {
    measurements.record(figure, unit, target.side(), value);
  }

  /**
   * Another instance of this session's application on the same database and the next port, while this one
   * runs: a second node, or (the first one idle) what a restart on a database in use meets.
   */
  LaunchedApp startAnother(String name) throws IOException, InterruptedException {
    int port = options.port() + 1;
    String dir = target.name().toLowerCase() + "-r" + round + "-" + name;
    return LaunchedApp.start(target.jar(), options.jvmArgs(), target.args(database.jdbcUrl(), port), port,
        options.workDir().resolve(dir), options.workDir().resolve("logs").resolve(dir + ".log"));
  }

  /** A progress line on stderr; the table goes to stdout at the end. */
  void log(String format, Object... args) {
    System.err.printf("[round %d, %s] %s%n", round, target.name(), String.format(java.util.Locale.ROOT, format, args));
  }
}
