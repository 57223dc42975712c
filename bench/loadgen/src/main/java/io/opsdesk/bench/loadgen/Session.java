package io.opsdesk.bench.loadgen;

/** One application, freshly started on a fresh database, in one round: what a scenario works with. */
record Session(int round, Target target, LaunchedApp app, Http http, Database database, Options options,
    Measurements measurements) {

  void record(String figure, String unit, double value) {
    measurements.record(figure, unit, target.side(), value);
  }

  /** A progress line on stderr; the table goes to stdout at the end. */
  void log(String format, Object... args) {
    System.err.printf("[round %d, %s] %s%n", round, target.name(), String.format(java.util.Locale.ROOT, format, args));
  }
}
