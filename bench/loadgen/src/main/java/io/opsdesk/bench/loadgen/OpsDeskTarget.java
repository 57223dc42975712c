package io.opsdesk.bench.loadgen;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.opsdesk.bench.loadgen.Http.Account;
import io.opsdesk.bench.loadgen.Measurements.Side;

/**
 * OpsDesk (target/opsdesk.jar) in its production profile on the bench database, mail to the load
 * generator's SMTP sink. Client n opens its requests as service-desk user n (hardware faults, so the
 * accept task goes to hardware-support), works them as handler n and confirms them as desk user n.
 *
 * <p>One user per client, not one for all: OpsDesk's login throttle counts every password check of a
 * user from one address as failed until it succeeds, so more than three concurrent requests of one user
 * are answered 429 although each password is right (reported on issue 13).
 */
final class OpsDeskTarget extends Target {

  private static final String DESK_GROUP = "service-desk";
  private static final String HANDLER_GROUP = "hardware-support";

  private final int smtpPort;

  OpsDeskTarget(Options options, int smtpPort) {
    super(Side.OPSDESK, "OpsDesk", options.opsdeskJar(), "service-request", OpsDeskTarget::desk);
    this.smtpPort = smtpPort;
  }

  @Override
  List<String> args(String jdbcUrl, int port) {
    return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + jdbcUrl, "--server.port=" + port,
        "--camunda.bpm.admin-user.id=" + ADMIN.id(), "--camunda.bpm.admin-user.password=" + ADMIN.password(),
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort);
  }

  /** The production profile creates no groups: the desk's and the handlers' are created as Admin would. */
  @Override
  void prepare(Http http, Options options) throws IOException {
    createGroup(http, DESK_GROUP);
    createGroup(http, HANDLER_GROUP);
    for (int client = 0; client < options.maxClients(); client++) {
      createUser(http, desk(client), DESK_GROUP);
      createUser(http, handler(client), HANDLER_GROUP);
    }
  }

  private static void createGroup(Http http, String group) throws IOException {
    if (http.status(ADMIN, "/engine-rest/group/" + group) == 404) {
      http.post(ADMIN, "/engine-rest/group/create", Map.of("id", group, "name", group, "type", "WORKFLOW"));
    }
  }

  private static void createUser(Http http, Account user, String group) throws IOException {
    http.post(ADMIN, "/engine-rest/user/create", Map.of(
        "profile", Map.of("id", user.id(), "firstName", "Bench", "lastName", user.id(), "email", user.id() + "@example.com"),
        "credentials", Map.of("password", user.password())));
    http.put(ADMIN, "/engine-rest/group/" + group + "/members/" + user.id());
  }

  private static Account desk(int client) {
    return new Account("bench-desk-" + (client + 1), USER_PASSWORD);
  }

  private static Account handler(int client) {
    return new Account("bench-handler-" + (client + 1), USER_PASSWORD);
  }

  @Override
  List<Opener> openers() {
    return List.of(engineRestStart(), new Opener("/api/tickets", (http, client) -> {
      String ticketId = http.post(desk(client), "/api/tickets", Requests.next()).get("ticketId").asText();
      return new Opened(System.currentTimeMillis(), null, ticketId);
    }));
  }

  @Override
  Account groupWorker(int client) {
    return handler(client);
  }

  @Override
  String starterGroup() {
    return DESK_GROUP;
  }

  @Override
  String workGroup() {
    return HANDLER_GROUP;
  }

  /** CONTRACT.md's task table, without consultation, verified and confirmed at the first attempt. */
  @Override
  List<TaskStep> flowSteps(int client) {
    Account handler = handler(client);
    return List.of(
        new TaskStep("accept", handler, Map.of("contactNote", "Called the requester")),
        new TaskStep("diagnose", handler, Map.of("diagnosis", "Worn pickup roller", "rootCause", "Wear",
            "needsConsultation", false)),
        new TaskStep("resolve", handler, Map.of("solution", "Replaced the pickup roller")),
        new TaskStep("verify", handler, Map.of("verified", true, "verificationNote", "Printed 50 pages")),
        new TaskStep("confirm", desk(client), Map.of("satisfied", true, "satisfactionScore", 5, "feedback", "Thanks")));
  }
}
