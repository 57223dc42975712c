package io.opsdesk.bench.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.opsdesk.bench.loadgen.Http.Account;
import io.opsdesk.bench.loadgen.Measurements.Side;

/** An application under test: how it is started, prepared and driven. */
abstract class Target {

  /** The administrator of both applications (a password OpsDesk's password policy accepts). */
  static final Account ADMIN = new Account("benchroot", "Qv8-load-generator-root");

  /** The password of every other bench user. */
  static final String USER_PASSWORD = "Zt5-bench-worker-pass";

  /** A way to open a request, answering what it opened. */
  record Opener(String way, Open open) {
  }

  interface Open {
    Opened open(Http http, int client) throws IOException;
  }

  /** An answered request: when it was answered and the instance id or business key it names. */
  record Opened(long answeredAtMillis, String processInstanceId, String businessKey) {
  }

  /** One step of a request's task work: the task, who works it, what completing it takes. */
  record TaskStep(String taskKey, Account user, Map<String, Object> variables) {
  }

  private final Side side;
  private final String name;
  private final Path jar;
  private final String processKey;
  private final IntFunction<Account> starter;

  /** Client n opens its requests, instances of {@code processKey}, as {@code starter.apply(n)}. */
  Target(Side side, String name, Path jar, String processKey, IntFunction<Account> starter) {
    this.side = side;
    this.name = name;
    this.jar = jar;
    this.processKey = processKey;
    this.starter = starter;
  }

  Side side() {
    return side;
  }

  /** "OpsDesk" or "bare"; also names its logs. */
  String name() {
    return name;
  }

  /**
   * Its databases are named {@code <name>_bench_[<tag>_]r<round>}: {@code opsdesk_bench_r1}, {@code bare_bench_r1};
   * a tag (--db-tag) keeps two runs on one server apart.
   */
  String databaseName(String tag, int round) {
    return name.toLowerCase() + "_bench_" + (tag.isEmpty() ? "" : tag + "_") + "r" + round;
  }

  Path jar() {
    return jar;
  }

  abstract List<String> args(String jdbcUrl, int port);

  /** Creates what the scenarios need after start-up (users, groups). */
  abstract void prepare(Http http, Options options) throws IOException;

  /** The ways intake is measured (the baseline has one, compared with each of OpsDesk's). */
  abstract List<Opener> openers();

  /** Client n's member of the group the opened requests' accept tasks are offered to, and that group. */
  abstract Account groupWorker(int client);

  abstract String workGroup();

  /** The tasks flow client {@code client} works, in order, on each request it opens. */
  abstract List<TaskStep> flowSteps(int client);

  /** The user client {@code client} opens requests (and evaluates decisions) as. */
  Account starter(int client) {
    return starter.apply(client);
  }

  /** The group the starters are members of. */
  abstract String starterGroup();

  /** Opens a request through the engine REST API as client {@code client}; answers its instance id. */
  String start(Http http, int client) throws IOException {
    return EngineRest.start(http, starter(client), processKey, Requests.next());
  }

  /** The engine REST start as a way of opening requests. */
  Opener engineRestStart() {
    return new Opener("engine REST", (http, client) -> {
      String instance = start(http, client);
      return new Opened(System.currentTimeMillis(), instance, null);
    });
  }
}
