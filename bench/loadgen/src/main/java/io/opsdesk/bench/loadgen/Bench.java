package io.opsdesk.bench.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The benchmark suite (docs/performance.md): rounds of the baseline and OpsDesk in turn, each started
 * fresh on a fresh PostgreSQL database, the chosen scenarios run against each; prints the medians over
 * the rounds with the ratio OpsDesk ÷ bare.
 */
public final class Bench {

  /** Every scenario by name, in the order they run within a session (startup last: memory after the rest). */
  static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("intake", new Intake());
    SCENARIOS.put("flow", new Flow());
    SCENARIOS.put("dmn", new Decisions());
    SCENARIOS.put("tasklist", new TaskList());
    SCENARIOS.put("timers", new Timers());
    SCENARIOS.put("startup", new Startup());
  }

  private static final List<String> DEFAULT_SCENARIOS = List.of("intake", "flow", "startup");

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args, DEFAULT_SCENARIOS);
      options.scenarios().stream().filter(name -> !SCENARIOS.containsKey(name)).findFirst().ifPresent(name -> {
        throw new IllegalArgumentException("unknown scenario " + name + "; known: " + SCENARIOS.keySet());
      });
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    try {
      Measurements measurements = new Measurements();
      List<Target> targets = List.of(new BareTarget(options), new OpsDeskTarget(options, smtp.getSmtp().getPort()));
      for (int round = 1; round <= options.rounds(); round++) {
        for (Target target : targets) {
          runSession(round, target, options, measurements);
          smtp.purgeEmailFromAllMailboxes();
        }
      }
      System.out.printf("%d interleaved rounds (bare, OpsDesk, …), %d s per window; medians over rounds, ratio = OpsDesk ÷ bare%n%n",
          options.rounds(), options.seconds());
      measurements.print(System.out);
    } finally {
      smtp.stop();
    }
  }

  private static void runSession(int round, Target target, Options options, Measurements measurements) throws Exception {
    String name = target.name().toLowerCase() + "-r" + round;
    try (Database database = Database.createFresh(options.postgres(), target.databaseName(options.dbTag(), round))) {
      Path log = options.workDir().resolve("logs").resolve(name + ".log");
      System.err.printf("[round %d, %s] starting %s (log %s)%n", round, target.name(), target.jar(), log);
      try (LaunchedApp app = LaunchedApp.start(target.jar(), options.jvmArgs(), target.args(database.jdbcUrl(), options.port()),
          options.port(), Files.createDirectories(options.workDir().resolve(name)), log)) {
        Http http = new Http(options.port());
        target.prepare(http, options);
        Session session = new Session(round, target, app, http, database, options, measurements);
        session.log("UP after %.1f s", app.startupSeconds());
        Warmup.run(session);
        for (Map.Entry<String, Scenario> scenario : SCENARIOS.entrySet()) {
          if (options.scenarios().contains(scenario.getKey())) {
            scenario.getValue().run(session);
          }
        }
      }
    }
  }
}
