package io.opsdesk.bench.loadgen;

import java.util.List;
import java.util.Map;

import io.opsdesk.bench.loadgen.Http.Account;
import io.opsdesk.bench.loadgen.Measurements.Side;

/** The baseline (bench/baseline): engine REST start of bare-request, claim and complete of its accept task. */
final class BareTarget extends Target {

  /** Created by the baseline itself at start-up (BenchUser), in group agents. */
  private static final Account BENCH = new Account("bench", USER_PASSWORD);

  /** BENCH's group, whose candidate tasks it works. */
  private static final String GROUP = "agents";

  BareTarget(Options options) {
    super(Side.BARE, "bare", options.baselineJar(), "bare-request", client -> BENCH);
  }

  @Override
  List<String> args(String jdbcUrl, int port) {
    return List.of("--spring.datasource.url=" + jdbcUrl, "--server.port=" + port,
        "--camunda.bpm.admin-user.id=" + ADMIN.id(), "--camunda.bpm.admin-user.password=" + ADMIN.password(),
        "--bench.user=" + BENCH.id(), "--bench.password=" + BENCH.password());
  }

  @Override
  void prepare(Http http, Options options) {
    // The baseline creates its user while its engine starts.
  }

  @Override
  List<Opener> openers() {
    return List.of(engineRestStart());
  }

  @Override
  Account groupWorker(int client) {
    return BENCH;
  }

  @Override
  String starterGroup() {
    return GROUP;
  }

  @Override
  String workGroup() {
    return GROUP;
  }

  @Override
  List<TaskStep> flowSteps(int client) {
    return List.of(new TaskStep("accept", BENCH, Map.of()));
  }
}
