package io.opsdesk.bench.loadgen;

/** One benchmark, run against each application in each round (see Bench.SCENARIOS). */
interface Scenario {

  void run(Session session) throws Exception;
}
