package io.opsdesk.bench.loadgen;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsdesk.bench.loadgen.Http.Account;

/** The calls of Camunda's engine REST API both applications are driven through. */
final class EngineRest {

  /** How long a user waits for a task to appear (OpsDesk creates `accept` asynchronously). */
  private static final long TASK_WAIT_MS = 60_000;

  private EngineRest() {
  }

  /** Starts an instance of the process with typed variables; answers the new instance's id. */
  static String start(Http http, Account as, String processKey, Map<String, ?> variables) throws IOException {
    return http.post(as, "/engine-rest/process-definition/key/" + processKey + "/start",
        Map.of("variables", Http.typed(variables))).get("id").asText();
  }

  /** The id of the instance's open task of this key as {@code as} sees it, polled until it exists. */
  static JsonNode awaitTask(Http http, Account as, String processInstanceId, String taskKey)
      throws IOException, InterruptedException {
    String query = "/engine-rest/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey="
        + URLEncoder.encode(taskKey, StandardCharsets.UTF_8);
    long deadline = System.currentTimeMillis() + TASK_WAIT_MS;
    while (true) {
      JsonNode tasks = http.get(as, query);
      if (!tasks.isEmpty()) {
        return tasks.get(0);
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("no task " + taskKey + " for " + as.id() + " in instance " + processInstanceId
            + " after " + TASK_WAIT_MS + " ms");
      }
      Thread.sleep(20);
    }
  }

  /** What a Tasklist user does: claims the task if nobody has it, then completes it. */
  static void work(Http http, Account as, JsonNode task, Map<String, ?> variables) throws IOException {
    String path = "/engine-rest/task/" + task.get("id").asText();
    if (task.get("assignee").isNull()) {
      http.post(as, path + "/claim", Map.of("userId", as.id()));
    }
    http.post(as, path + "/complete", Map.of("variables", Http.typed(variables)));
  }
}
