package io.opsdesk.bench.loadgen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line: {@code [scenario…] [--seconds N] [--warmup N] [--rounds N] [--clients 1,8,32] [--flow-clients 1,8]
 * [--opsdesk-jar PATH] [--baseline-jar PATH] [--port N] [--jvm-args "..."] [--pg-host H] [--pg-port N]
 * [--pg-user U] [--pg-password P] [--work-dir DIR] [--db-tag T]}.
 */
record Options(List<String> scenarios, int seconds, int warmupSeconds, int rounds, List<Integer> clients, List<Integer> flowClients,
    Path opsdeskJar, Path baselineJar, int port, List<String> jvmArgs, Postgres postgres, Path workDir, String dbTag) {

  /** The PostgreSQL server the applications and the measurements use. */
  record Postgres(String host, int port, String user, String password) {
    String url(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
  }

  /** The most clients any scenario (or the warm-up's 4) runs at once: one user each. */
  int maxClients() {
    return Stream.of(clients, flowClients, List.of(Warmup.CLIENTS)).flatMap(List::stream).mapToInt(Integer::intValue)
        .max().orElse(1);
  }

  static Options parse(String[] args, List<String> defaultScenarios) {
    List<String> scenarios = new ArrayList<>();
    int seconds = 20;
    int warmup = 10;
    int rounds = 3;
    List<Integer> clients = List.of(1, 8, 32);
    List<Integer> flowClients = List.of(1, 8);
    Path opsdeskJar = Path.of("target/opsdesk.jar");
    Path baselineJar = Path.of("bench/baseline/target/baseline.jar");
    int port = 18080;
    List<String> jvmArgs = List.of();
    String pgHost = "127.0.0.1";
    int pgPort = 5432;
    String pgUser = "postgres";
    String pgPassword = "";
    Path workDir = Path.of("bench/target/runs");
    String dbTag = "";
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        scenarios.add(arg);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String value = args[++i];
      switch (arg) {
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--clients" -> clients = numbers(value);
        case "--flow-clients" -> flowClients = numbers(value);
        case "--opsdesk-jar" -> opsdeskJar = Path.of(value);
        case "--baseline-jar" -> baselineJar = Path.of(value);
        case "--port" -> port = Integer.parseInt(value);
        case "--jvm-args" -> jvmArgs = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        case "--pg-host" -> pgHost = value;
        case "--pg-port" -> pgPort = Integer.parseInt(value);
        case "--pg-user" -> pgUser = value;
        case "--pg-password" -> pgPassword = value;
        case "--work-dir" -> workDir = Path.of(value);
        case "--db-tag" -> dbTag = value;
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (!dbTag.matches("[a-z0-9]{0,20}")) {
      throw new IllegalArgumentException("--db-tag takes up to 20 lower-case letters and digits");
    }
    if (seconds < 1 || rounds < 1 || warmup < 0) {
      throw new IllegalArgumentException("--seconds and --rounds must be at least 1, --warmup at least 0");
    }
    return new Options(scenarios.isEmpty() ? defaultScenarios : List.copyOf(scenarios), seconds, warmup, rounds, clients,
        flowClients, opsdeskJar, baselineJar, port, jvmArgs, new Postgres(pgHost, pgPort, pgUser, pgPassword), workDir, dbTag);
  }

  private static List<Integer> numbers(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }
}
