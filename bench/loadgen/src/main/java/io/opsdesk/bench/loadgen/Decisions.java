package io.opsdesk.bench.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

import io.opsdesk.bench.loadgen.Measurements.Side;

/**
 * Scenario 3: OpsDesk's decision tables {@code priority}, {@code sla} and {@code routing}
 * (processes/*.dmn), evaluated one after the other in turn.
 *
 * <p>In the applications: closed-loop clients at each level of --flow-clients evaluate them through the
 * engine REST API ({@code POST /engine-rest/decision-definition/key/{key}/evaluate}, typed variables) as
 * the users that open requests. Both applications evaluate the same files: where the tables are not
 * deployed (the baseline) the administrator deploys them first; in both, the starters' group is granted
 * READ and CREATE_INSTANCE on decision definitions (what evaluating takes; OpsDesk's access.yaml gives it
 * to camunda-admin only, and one administrator for all clients would meet OpsDesk's login throttle).
 *
 * <p>In one JVM, no HTTP (baseline sessions only): the same tables parsed once by Camunda's default
 * {@link DmnEngine} and evaluated in this process. OpsDesk's own DMN configuration (its parsed-FEEL
 * cache) lives in its executable jar, which this reactor does not depend on, so that figure has no
 * OpsDesk side.
 */
final class Decisions implements Scenario {

  private static final Path TABLES = Path.of("processes");
  private static final List<String> KEYS = List.of("priority", "sla", "routing");
  private static final List<String> LEVELS = List.of("HIGH", "MEDIUM", "LOW");
  private static final List<String> CATEGORIES = List.of("HARDWARE", "SOFTWARE", "NETWORK", "DATA", "SECURITY", "OTHER");
  private static final List<String> PRIORITIES = List.of("URGENT", "IMPORTANT", "GENERAL", "MINOR");
  /** In one JVM: timed iterations after the warm-up, each this long; the median counts. */
  private static final int LOCAL_ITERATIONS = 5;
  private static final long LOCAL_ITERATION_NANOS = 1_000_000_000L;

  /** The n-th evaluation: which table, with which inputs (every combination in turn). */
  record Evaluation(String key, Map<String, Object> variables) {
    static Evaluation nth(long n) {
      int table = (int) (n % KEYS.size());
      long round = n / KEYS.size();
      String category = CATEGORIES.get((int) (round % CATEGORIES.size()));
      return switch (table) {
        case 0 -> new Evaluation("priority", Map.of("impact", LEVELS.get((int) (round % 9 / 3)),
            "urgency", LEVELS.get((int) (round % 3)), "category", category));
        case 1 -> new Evaluation("sla", Map.of("priority", PRIORITIES.get((int) (round % PRIORITIES.size()))));
        default -> new Evaluation("routing", Map.of("category", category));
      };
    }
  }

  @Override
  public void run(Session session) throws Exception {
    prepare(session);
    long[] next = new long[session.options().maxClients()];
    Http http = session.http();
    Target target = session.target();
    ClosedLoop.Call<String> evaluate = client -> {
      Evaluation evaluation = Evaluation.nth(next[client]++);
      http.post(target.starter(client), "/engine-rest/decision-definition/key/" + evaluation.key() + "/evaluate",
          Map.of("variables", Http.typed(evaluation.variables())));
      return evaluation.key();
    };
    if (session.options().warmupSeconds() > 0) {
      ClosedLoop.run(Warmup.CLIENTS, session.options().warmupSeconds(), evaluate);
    }
    for (int clients : session.options().flowClients()) {
      ClosedLoop.Result<String> result = ClosedLoop.run(clients, session.options().seconds(), evaluate);
      String figure = "dmn " + clients + (clients == 1 ? " client" : " clients") + ", engine REST evaluate: ";
      session.record(figure + "rate", "eval/s", result.perSecond());
      session.record(figure + "p50", "ms", Stats.percentile(result.latenciesMs(), 50));
      session.record(figure + "p99", "ms", Stats.percentile(result.latenciesMs(), 99));
      session.log("dmn %d clients: %.1f eval/s, p50 %.1f ms, p99 %.1f ms, errors %d%s", clients, result.perSecond(),
          Stats.percentile(result.latenciesMs(), 50), Stats.percentile(result.latenciesMs(), 99), result.errors(),
          result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
    }
    if (target.side() == Side.BARE) {
      double perSecond = inOneJvm(session.options().warmupSeconds());
      session.record("dmn in one JVM, no HTTP: Camunda's default DmnEngine (OpsDesk's configuration not measured)",
          "eval/s", perSecond);
      session.log("dmn in one JVM: %.0f eval/s", perSecond);
    }
  }

  /** Deploys the tables where they are missing; lets the starters' group evaluate decisions. */
  private static void prepare(Session session) throws IOException {
    Http http = session.http();
    List<Path> missing = new ArrayList<>();
    for (String key : KEYS) {
      if (http.status(Target.ADMIN, "/engine-rest/decision-definition/key/" + key) == 404) {
        missing.add(TABLES.resolve(key + ".dmn"));
      }
    }
    if (!missing.isEmpty()) {
      http.postMultipart(Target.ADMIN, "/engine-rest/deployment/create",
          Map.of("deployment-name", "bench-dmn", "deployment-source", "bench"), missing);
    }
    // Resource 10 is DECISION_DEFINITION; permissions READ and CREATE_INSTANCE.
    http.post(Target.ADMIN, "/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("READ", "CREATE_INSTANCE"),
        "groupId", session.target().starterGroup(), "resourceType", 10, "resourceId", "*"));
    session.log("dmn: deployed %s, granted evaluation to group %s", missing, session.target().starterGroup());
  }

  /** Median evaluations per second of the tables, parsed once, over the timed iterations after a warm-up. */
  private static double inOneJvm(int warmupSeconds) throws IOException {
    DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    List<DmnDecision> decisions = new ArrayList<>();
    for (String key : KEYS) {
      try (InputStream table = Files.newInputStream(TABLES.resolve(key + ".dmn"))) {
        decisions.add(engine.parseDecision(key, table));
      }
    }
    List<Evaluation> evaluations = new ArrayList<>();
    for (int n = 0; n < KEYS.size() * 9 * CATEGORIES.size() * PRIORITIES.size(); n++) {
      evaluations.add(Evaluation.nth(n));
    }
    evaluate(engine, decisions, evaluations, warmupSeconds * 1_000_000_000L);
    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < LOCAL_ITERATIONS; i++) {
      rates.add(evaluate(engine, decisions, evaluations, LOCAL_ITERATION_NANOS));
    }
    return Stats.median(rates);
  }

  /** Evaluates the evaluations in turn for about {@code nanos}; answers evaluations per second. */
  private static double evaluate(DmnEngine engine, List<DmnDecision> decisions, List<Evaluation> evaluations, long nanos) {
    long start = System.nanoTime();
    long count = 0;
    long elapsed;
    do {
      Evaluation evaluation = evaluations.get((int) (count % evaluations.size()));
      engine.evaluateDecisionTable(decisions.get(KEYS.indexOf(evaluation.key())), evaluation.variables());
      count++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos);
    return count / (elapsed / 1e9);
  }
}
