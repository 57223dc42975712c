package io.opsdesk.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Base of the tests that drive OpsDesk as its users do: through the engine's API, the engine REST
 * API and our /api, on one shared application context. Jobs and timers are run by the test, never
 * waited for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class OpsDeskTest {

  /** One real mail server (SMTP and IMAP, GreenMail) for the whole test JVM, on free ports. */
  protected static final GreenMail MAIL = startMail();

  /** The mailbox OpsDesk reads requests from. */
  protected static final String MAILBOX = "servicedesk@example.com";
  protected static final String MAILBOX_PASSWORD = "mailbox-secret-1";

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    registry.add("opsdesk.mailbox.host", () -> "127.0.0.1");
    registry.add("opsdesk.mailbox.port", () -> MAIL.getImap().getPort());
    registry.add("opsdesk.mailbox.protocol", () -> "imap");
    registry.add("opsdesk.mailbox.username", () -> MAILBOX);
    registry.add("opsdesk.mailbox.password", () -> MAILBOX_PASSWORD);
  }

  private static GreenMail startMail() {
    GreenMail mail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
    mail.start();
    mail.setUser(MAILBOX, MAILBOX, MAILBOX_PASSWORD);
    return mail;
  }

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService taskService;
  @Autowired protected ManagementService management;
  @Autowired protected HistoryService history;
  @Autowired protected IdentityService identity;
  @Autowired protected TicketRepository tickets;
  @Autowired protected TicketJournal journal;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected TestRestTemplate rest;

  @BeforeEach
  void initAssertions() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  /** A complete, valid request as the service desk records a phone call. */
  protected static Map<String, Object> phoneCall() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("requesterName", "Li Wei");
    variables.put("requesterPhone", "+86 10 5555 0101");
    variables.put("channel", "PHONE");
    variables.put("subject", "Mail server does not answer");
    variables.put("description", "Since 9:00 nobody in building A can send mail.");
    variables.put("location", "Building A, room 101");
    variables.put("category", "HARDWARE");
    variables.put("impact", "HIGH");
    variables.put("urgency", "MEDIUM");
    return variables;
  }

  /** Runs {@code work} with the engine believing {@code userId} (and their groups) is calling. */
  protected <T> T as(String userId, java.util.function.Supplier<T> work) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  protected ProcessInstance start(String userId, Map<String, Object> variables) {
    ProcessInstance instance = as(userId, () -> runtime.startProcessInstanceByKey("service-request", variables));
    runJobs();
    return instance;
  }

  /**
   * Runs every job that is due now (async continuations, due timers) until none is left. Suspended
   * jobs (the held timers of a paused request) are left, as the job executor leaves them, and so are
   * the start timers of the schedules (daily inspection, nightly backup, weekly report): a test that
   * moves the clock past 07:30 would otherwise start an inspection in the moved time, which later tests
   * take for the latest run. Tests of a schedule execute its timer themselves.
   */
  protected void runJobs() {
    Set<String> schedules = management.createJobDefinitionQuery().jobType(TimerStartEventJobHandler.TYPE).list()
        .stream().map(JobDefinition::getId).collect(Collectors.toSet());
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().executable().active().list().stream()
          .filter(job -> !schedules.contains(job.getJobDefinitionId())).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("Jobs keep coming: an endless loop in a model?");
  }

  protected Job timer(ProcessInstance instance, String activityId) {
    return management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
  }

  protected Task openTask(ProcessInstance instance, String taskKey) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
  }

  /** What a Tasklist user does: claim the task if nobody has it, then complete it with the form's values. */
  protected void work(String userId, ProcessInstance instance, String taskKey, Map<String, Object> values) {
    // Several open tasks of one key (consultations) are told apart by their assignee.
    List<Task> open = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).list();
    Task task = open.size() == 1 ? open.get(0)
        : open.stream().filter(t -> userId.equals(t.getAssignee())).findFirst().orElse(null);
    if (task == null) {
      throw new AssertionError("No open task " + taskKey + " for " + userId);
    }
    as(userId, () -> {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), userId);
      }
      taskService.complete(task.getId(), values);
      return null;
    });
    runJobs();
  }

  /** The handler's part of a request without consultation: accept, diagnose, resolve, verify. */
  protected void handleUntilConfirmation(ProcessInstance instance) {
    work("tech", instance, "accept", vars("contactNote", "Called the requester"));
    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "s"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok"));
  }

  /** tech accepts and diagnoses, asking {@code consultant} for an opinion: the request waits in consult. */
  protected void diagnoseAsking(ProcessInstance instance, String consultant) {
    work("tech", instance, "accept", vars("contactNote", "Called the requester"));
    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", true,
        "consultants", List.of(consultant)));
  }

  protected Ticket ticketOf(ProcessInstance instance) {
    String ticketId = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getBusinessKey();
    return tickets.find(ticketId).orElseThrow();
  }

  protected List<String> journalKinds(Ticket ticket) {
    return journal.entries(ticket.ticketId()).stream().map(JournalEntry::kind).toList();
  }

  protected int count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
  }

  protected static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** A local time in Asia/Shanghai, the zone of the default business calendar ("2026-11-27T17:00"). */
  protected static java.time.Instant local(String localTime) {
    return java.time.LocalDateTime.parse(localTime).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
  }

  /** The desk records {@link #phoneCall()} with this impact and urgency at a local time (see {@link #local}). */
  protected ProcessInstance openAt(String localTime, String impact, String urgency) {
    clockAt(local(localTime));
    Map<String, Object> request = phoneCall();
    request.put("impact", impact);
    request.put("urgency", urgency);
    return start("desk", request);
  }

  /** Moves the engine's clock; timers and SLA measurement follow it. */
  protected void clockAt(java.time.Instant instant) {
    ClockUtil.setCurrentTime(java.util.Date.from(instant));
  }
}
