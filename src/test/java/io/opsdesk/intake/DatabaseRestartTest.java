package io.opsdesk.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsdesk.OpsDeskApplication;
import io.opsdesk.hardening.Http;
import io.opsdesk.testsupport.FaultsCluster;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarted while clients open requests through {@code POST /api/tickets} and the engine
 * REST start: the application reconnects by itself, every request answered as created (201, or 200 from
 * the engine REST start) exists once with its process instance and reaches its first task, a request
 * that failed left nothing half-written, and the work (new requests, the asynchronous classification, health) resumes. Runs its own application
 * with its job executor on the cluster of {@link FaultsCluster}, which it stops and starts.
 */
@Tag("single-run")
class DatabaseRestartTest {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseRestartTest.class);
  private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"(SR-[0-9-]+)\"");
  private static final Pattern INSTANCE_ID = Pattern.compile("\"id\":\"([0-9a-f-]+)\"");
  private static final int CLIENTS = 4;
  /** Requests created before the outage, and again after it, before the clients stop. */
  private static final int PER_PHASE = 12;

  /** What one client was answered: a ticket id (/api) or a process instance id (engine REST) when created. */
  private record Answer(boolean created, int status, String ticketId, String instanceId, Instant at) {
  }

  @Test
  void requestsOpenedWhilePostgresRestartsExistOnceOrNotAtAllAndTheWorkResumes() throws Exception {
    FaultsCluster cluster = FaultsCluster.require();
    String url = cluster.freshDatabase(System.getProperty("opsdesk.test.database", "opsdesk_test"));
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OpsDeskApplication.class).run(
        "--spring.profiles.active=test,postgres,pgtest", "--spring.datasource.url=" + url, "--server.port=0",
        "--camunda.bpm.job-execution.enabled=true")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Instant serverStarted = serverStart(jdbc);
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      List<Answer> answers = new CopyOnWriteArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> load = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int client = i;
        load.add(clients.submit(() -> open(base, client, running, answers)));
      }
      // Counted, not timed: on a busy machine a fresh application answers its first requests slowly.
      awaitCreated(answers, Instant.MIN, PER_PHASE);
      cluster.restart(Duration.ofSeconds(4));
      Instant back = Instant.now();
      awaitCreated(answers, back, PER_PHASE);
      running.set(false);
      for (Future<?> f : load) {
        f.get();
      }
      clients.shutdown();

      assertThat(serverStart(jdbc)).as("the server was restarted").isAfter(serverStarted);
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      List<Answer> created = answers.stream().filter(Answer::created).toList();
      List<Answer> refused = answers.stream().filter(a -> !a.created()).toList();
      LOG.info("{} requests created, {} not (status {}); {} created after the restart", created.size(),
          refused.size(), refused.stream().map(Answer::status).distinct().toList(),
          created.stream().filter(a -> a.at().isAfter(back)).count());

      assertThat(refused).extracting(Answer::status).as("an outage is no wrong password: nobody is throttled for it")
          .doesNotContain(429);
      for (Answer answer : created) {
        String instanceId = answer.instanceId() != null ? answer.instanceId()
            : jdbc.queryForObject("SELECT process_instance_id FROM ticket WHERE ticket_id = ?", String.class, answer.ticketId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ticket WHERE process_instance_id = ?", Integer.class, instanceId))
            .as("ticket of %s", answer).isOne();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId).count())
            .as("process instance of %s", answer).isOne();
      }
      assertThat(jdbc.queryForObject("""
          SELECT COUNT(*) FROM ticket t WHERE NOT EXISTS
            (SELECT 1 FROM act_ru_execution e WHERE e.id_ = t.process_instance_id AND e.business_key_ = t.ticket_id)""",
          Integer.class)).as("tickets without their running process instance").isZero();
      assertThat(jdbc.queryForObject("""
          SELECT COUNT(*) FROM act_hi_procinst p WHERE p.proc_def_key_ = 'service-request' AND NOT EXISTS
            (SELECT 1 FROM ticket t WHERE t.process_instance_id = p.proc_inst_id_)""", Integer.class))
          .as("process instances without ticket").isZero();
      LOG.info("{} tickets in all ({} answered as created)", jdbc.queryForObject("SELECT COUNT(*) FROM ticket", Integer.class),
          created.size());

      // A classification that failed in the outage waits for its retry (R3/PT1M in the model), not for an
      // incident. One whose failure could not even be recorded keeps the job executor's lock until it
      // expires (5 minutes): Camunda 7.24's FailedJobListener fails with a NullPointerException when the
      // job could not be loaded at all. Once only such jobs are left, the engine's clock is moved past
      // their waits, and one more request wakes the job executor, which runs its own job and them.
      ManagementService management = engine.getManagementService();
      List<Map<String, Object>> waiting = awaitQuiet(jdbc);
      assertThat(engine.getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
      LOG.info("{} classifications wait after the outage: {} for their retry, {} for their lock to expire",
          waiting.size(), waiting.stream().filter(job -> job.get("exception_msg_") != null).count(),
          waiting.stream().filter(job -> job.get("lock_exp_time_") != null).count());
      try {
        waiting.forEach(job -> {
          moveClockPast(job.get("duedate_"));
          moveClockPast(job.get("lock_exp_time_"));
        });
        assertThat(Http.basic(base, "desk", "desk").send("POST", "/api/tickets", body(0)).statusCode()).isEqualTo(201);
        TaskService tasks = engine.getTaskService();
        HistoryService history = engine.getHistoryService();
        await("every request at its first task (accept after the classification, or triage)", () ->
            tasks.createTaskQuery().processDefinitionKey("service-request").taskDefinitionKeyIn("accept", "triage").count()
                == history.createHistoricProcessInstanceQuery().processDefinitionKey("service-request").count());
      } finally {
        ClockUtil.reset();
      }
      assertThat(management.createJobQuery().messages().count()).as("asynchronous jobs left").isZero();
      assertThat(engine.getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
      assertThat(Http.anonymous(base).send("GET", "/actuator/health", null).body()).contains("\"status\":\"UP\"");
    }
  }

  /**
   * Waits until the classifications left only wait: each for its retry or for its lock to expire, and
   * still the same ones 3 seconds later (a running job is locked too, but it ends within that time).
   */
  private static List<Map<String, Object>> awaitQuiet(JdbcTemplate jdbc) throws InterruptedException {
    List<Map<String, Object>> previous = null;
    int stable = 0;
    Instant deadline = Instant.now().plusSeconds(120);
    while (stable < 15) {
      List<Map<String, Object>> jobs = jdbc.queryForList("""
          SELECT id_, duedate_, lock_exp_time_, exception_msg_ FROM act_ru_job WHERE type_ = 'message' AND
            (lock_exp_time_ IS NOT NULL OR duedate_ > CURRENT_TIMESTAMP OR retries_ = 0) ORDER BY id_""");
      int all = jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE type_ = 'message'", Integer.class);
      stable = jobs.size() == all && jobs.equals(previous) ? stable + 1 : 0;
      previous = jobs;
      assertThat(Instant.now()).as("the job executor settles after the outage").isBefore(deadline);
      Thread.sleep(200);
    }
    return previous;
  }

  private static void moveClockPast(Object time) {
    if (time != null && ClockUtil.getCurrentTime().before((Date) time)) {
      ClockUtil.setCurrentTime(new Date(((Date) time).getTime() + 1000));
    }
  }

  private static Instant serverStart(JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT pg_postmaster_start_time()", java.sql.Timestamp.class).toInstant();
  }

  private static void awaitCreated(List<Answer> answers, Instant after, int count) throws InterruptedException {
    await(count + " requests created after " + after,
        () -> answers.stream().filter(a -> a.created() && a.at().isAfter(after)).count() >= count);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private static void open(String base, int client, AtomicBoolean running, List<Answer> answers) {
    Http desk = Http.basic(base, "desk", "desk");
    for (int n = 0; running.get(); n++) {
      boolean engineRest = (client + n) % 2 == 1;
      try {
        HttpResponse<String> response = engineRest
            ? desk.send("POST", "/engine-rest/process-definition/key/service-request/start", engineStart(n))
            : desk.send("POST", "/api/tickets", body(n));
        Matcher id = (engineRest ? INSTANCE_ID : TICKET_ID).matcher(response.body());
        boolean created = response.statusCode() == (engineRest ? 200 : 201) && id.find();
        answers.add(new Answer(created, response.statusCode(), created && !engineRest ? id.group(1) : null,
            created && engineRest ? id.group(1) : null, Instant.now()));
      } catch (IllegalStateException e) {
        answers.add(new Answer(false, 0, null, null, Instant.now()));
      }
    }
  }

  /** A phone request; every other one without category, impact and urgency, so that it goes to triage. */
  private static String body(int n) {
    return "{\"requesterName\":\"Li Wei\",\"requesterPhone\":\"+86 10 5555 0101\",\"channel\":\"PHONE\","
        + "\"subject\":\"Mail server does not answer " + n + "\",\"description\":\"Nobody can send mail.\""
        + (n % 2 == 0 ? ",\"category\":\"HARDWARE\",\"impact\":\"HIGH\",\"urgency\":\"MEDIUM\"" : "") + "}";
  }

  private static String engineStart(int n) {
    StringBuilder variables = new StringBuilder();
    Map.of("requesterName", "Li Wei", "requesterPhone", "+86 10 5555 0101", "channel", "PHONE",
        "subject", "Printer jams " + n, "description", "Every second page.", "category", "HARDWARE",
        "impact", "LOW", "urgency", "LOW").forEach((name, value) -> variables.append(variables.isEmpty() ? "" : ",")
        .append('"').append(name).append("\":{\"value\":\"").append(value).append("\",\"type\":\"String\"}"));
    return "{\"variables\":{" + variables + "}}";
  }
}
