package io.opsdesk.bench.loadgen;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsdesk.bench.loadgen.Target.TaskStep;

/** One client of the flow scenario: the request it works on and the step it is at. */
final class FlowWorker {
  private final Session session;
  private final int client;
  private final List<TaskStep> steps;
  private String instance;
  private int step;

  FlowWorker(Session session, int client) {
    this.session = session;
    this.client = client;
    this.steps = session.target().flowSteps(client);
  }

  /** Workers for clients 0 … n-1. */
  static FlowWorker[] clients(Session session, int n) {
    FlowWorker[] workers = new FlowWorker[n];
    for (int client = 0; client < n; client++) {
      workers[client] = new FlowWorker(session, client);
    }
    return workers;
  }

  /** Opens a request (0 tasks done) or works its next task (1); a failure drops the request. */
  int next() throws Exception {
    if (instance == null) {
      instance = session.target().start(session.http(), client);
      step = 0;
      return 0;
    }
    TaskStep next = steps.get(step);
    try {
      JsonNode task = EngineRest.awaitTask(session.http(), next.user(), instance, next.taskKey());
      EngineRest.work(session.http(), next.user(), task, next.variables());
    } catch (Exception e) {
      instance = null;
      throw e;
    }
    if (++step == steps.size()) {
      instance = null;
    }
    return 1;
  }
}
