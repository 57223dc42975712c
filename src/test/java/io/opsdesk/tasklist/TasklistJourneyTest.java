package io.opsdesk.tasklist;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.asset.AssetRepository;
import io.opsdesk.inspection.run.InspectionRecords;
import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.opsdesk.tasklist.TasklistBrowser.START_DIALOG;
import static io.opsdesk.tasklist.TasklistBrowser.GROUP_TASKS;
import static io.opsdesk.tasklist.TasklistBrowser.MY_TASKS;
import static io.opsdesk.tasklist.TasklistBrowser.TASK_PANE;
import static io.opsdesk.tasklist.TasklistBrowser.slug;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-request journey as people do it in Camunda Tasklist, in a real (headless) browser:
 * the service desk records a phone call on the start form, a technician accepts, diagnoses,
 * resolves and verifies, the service desk confirms for the requester. Uses Debian's Chromium and
 * ChromeDriver at fixed paths (never Selenium Manager, never a download); skipped without them on
 * a developer's machine, failed without them in CI ({@code CI=true}). Each step leaves a PNG in
 * {@code target/screenshots/}.
 *
 * <p>Selectors lean on what a user sees: login placeholders, button and link texts, form field
 * labels (Camunda Forms generate random element ids, so a field is found through its label's
 * {@code for}). Text typed into a Camunda Forms field is committed with TAB: form-js debounces
 * input and a click on Complete straight after typing may submit the old value.
 */
@Tag("single-run")
class TasklistJourneyTest extends OpsDeskTest {

  static final String SHOT_PREFIX = "tasklist-journey-";

  static final By TASK_CARDS = By.cssSelector("ol.tasks-list > li");


  @LocalServerPort int port;
  @Autowired AssetRepository inventory;
  @Autowired InspectionRecords records;

  private TasklistBrowser browser;
  private WebDriver driver;
  private WebDriverWait wait;

  /** Each test's screenshots start with its own prefix: opening a browser deletes the older ones of that prefix. */
  private void openBrowser(String shotPrefix) throws IOException {
    browser = TasklistBrowser.open(port, shotPrefix);
    driver = browser.driver();
    wait = browser.waiting();
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void deskRecordsACallTechHandlesItDeskConfirms() throws IOException {
    openBrowser(SHOT_PREFIX);
    String subject = "Mail server in building A does not answer (" + UUID.randomUUID().toString().substring(0, 8) + ")";
    Set<String> before = serviceRequestIds();
    int ticketsBefore = count("ticket");
    int journalBefore = count("ticket_journal");

    // 1. The service desk records a phone call on the start form.
    logIn("desk");
    browser.step("desk-logged-in", () -> assertThat(browser.vendorBannerShown()).as("vendor banner shown").isFalse());
    browser.step("start-form-open", () -> {
      browser.click(By.cssSelector(".start-process-action"));
      browser.click(By.xpath("//ul[contains(@class,'processes')]//a[contains(normalize-space(),'IT service request')]"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
    });
    browser.step("start-form-filled-invalid-phone", () -> {
      browser.type(START_DIALOG, "请求人姓名 Requester name", "Li Wei");
      browser.type(START_DIALOG, "电话 Phone", "abc");
      choose(START_DIALOG, "渠道 Channel", "电话 Phone");
      browser.type(START_DIALOG, "主题 Subject", subject);
      browser.type(START_DIALOG, "描述 Description", "Since 9:00 nobody in building A can send mail.");
      browser.type(START_DIALOG, "地点 Location", "Building A, room 101");
      choose(START_DIALOG, "类别 Category", "硬件 Hardware");
      choose(START_DIALOG, "影响 Impact", "高 High");
      choose(START_DIALOG, "紧急度 Urgency", "中 Medium");
    });
    browser.step("start-refused-invalid-phone", () -> {
      browser.startButton().click();
      WebElement phone = browser.field(START_DIALOG, "电话 Phone");
      WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.id(phone.getAttribute("id") + "-error-message")));
      assertThat(error.getText()).as("validation message under Phone").isNotBlank();
      assertThat(phone.getAttribute("aria-invalid")).isEqualTo("true");
      wait.until(ExpectedConditions.not(ExpectedConditions.elementToBeClickable(browser.startButton())));
    });
    assertThat(serviceRequestIds()).as("service-request instances after the refused start").isEqualTo(before);
    assertThat(count("ticket")).isEqualTo(ticketsBefore);
    assertThat(count("ticket_journal")).isEqualTo(journalBefore);

    browser.step("start-refused-by-server-without-contact", () -> {
      // Neither phone nor email: the form accepts it, the process's start listener refuses it.
      clear(browser.field(START_DIALOG, "电话 Phone"));
      wait.until(ExpectedConditions.elementToBeClickable(browser.startButton())).click();
      WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath(START_DIALOG + "//div[@notifications-panel]//div[contains(@class,'alert')]")));
      // Only the words meant for a person: no engine ids, no exception names.
      assertThat(refusal.getText()).contains("could not be started", "requesterPhone is required for channel PHONE")
          .doesNotContain("Cannot instantiate", "service-request:", "Exception", "ENGINE-");
    });
    assertThat(serviceRequestIds()).as("service-request instances after the refused start").isEqualTo(before);
    assertThat(count("ticket")).isEqualTo(ticketsBefore);

    List<String> startedNotifications = new ArrayList<>();
    browser.step("started", () -> {
      browser.type(START_DIALOG, "电话 Phone", "+86 10 5555 0101");
      wait.until(ExpectedConditions.elementToBeClickable(browser.startButton())).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(START_DIALOG)));
      assertThat(browser.notificationTexts()).anySatisfy(text -> assertThat(text).contains("The process has been started"));
      startedNotifications.add(wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.id("opsdesk-ticket-started"))).getText());
    });

    // 2. The engine has exactly one new request, classified and waiting for hardware support.
    runJobs();
    Set<String> started = serviceRequestIds();
    started.removeAll(before);
    assertThat(started).as("service-request instances started from Tasklist").hasSize(1);
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(started.iterator().next())
        .singleResult();
    assertThat(instance).as("running instance").isNotNull();
    String ticketId = instance.getBusinessKey();
    assertThat(ticketId).matches("SR-\\d{4}-\\d{6}");
    assertThat(runtime.getVariable(instance.getId(), "subject")).isEqualTo(subject);
    assertThat(startedNotifications).as("the desk is told the new ticket id")
        .anySatisfy(text -> assertThat(text).contains("工单号 Ticket id: " + ticketId));
    browser.dismissNotifications();
    browser.click(By.cssSelector("#opsdesk-ticket-started button.close"));
    Task accept = openTask(instance, "accept");
    assertThat(accept).as("accept task").isNotNull();
    assertThat(taskService.getIdentityLinksForTask(accept.getId())).extracting(IdentityLink::getGroupId)
        .contains("hardware-support");

    // 3. The technician accepts the group task, then diagnoses, resolves and verifies.
    logOut();
    logIn("tech");
    findTicketTasks(ticketId, GROUP_TASKS);
    String priorityName = (String) runtime.getVariable(instance.getId(), "priorityName");
    // Visible text only: ticket, priority and subject show without unfolding the card, the due time too.
    browser.step("list-shows-ticket", () -> assertThat(browser.texts(TASK_CARDS)).as("task cards found by the ticket id")
        .singleElement().satisfies(card -> assertThat(card).contains("Accept request", "工单 Ticket", ticketId,
            "优先级 Priority", priorityName, "主题 Subject", subject, "Due in")));
    browser.openTaskInList("Accept request");
    browser.step("accept-shows-request", () -> {
      WebElement subjectField = browser.field(TASK_PANE, "主题 Subject");
      wait.until(d -> subject.equals(subjectField.getDomProperty("value")));
      assertThat(subjectField.isEnabled()).as("subject field enabled").isFalse();
      assertThat(browser.field(TASK_PANE, "工单 Ticket").getDomProperty("value")).isEqualTo(ticketId);
    });
    browser.claim();
    browser.step("accept-filled", () -> browser.type(TASK_PANE, "如何联系了请求人？ How did you contact the requester?",
        "Called Li Wei; the mail server console shows disk errors"));
    browser.completeTask("Accept request");
    runJobs();
    assertThat(taskService.createTaskQuery().taskId(accept.getId()).count()).isZero();
    assertThat(openTask(instance, "diagnose").getAssignee()).isEqualTo("tech");

    findTicketTasks(ticketId, MY_TASKS);
    browser.openTaskInList("Diagnose problem");
    browser.step("diagnose-filled", () -> {
      browser.type(TASK_PANE, "诊断 Diagnosis", "RAID 5 array degraded");
      browser.type(TASK_PANE, "根本原因 Root cause", "Failed disk in slot 2");
      assertThat(browser.field(TASK_PANE, "请同事会诊 Ask colleagues for a consultation").isSelected()).isFalse();
      // the knowledge base's suggestions: shown, never submitted
      WebElement suggestions = browser.field(TASK_PANE, "相似的知识文章 Similar knowledge articles");
      assertThat(suggestions.isEnabled()).isFalse();
      assertThat(suggestions.getDomProperty("value")).isNotBlank();
    });
    browser.completeTask("Diagnose problem");
    runJobs();
    assertThat(openTask(instance, "resolve").getAssignee()).isEqualTo("tech");

    browser.openTaskInList("Resolve problem");
    browser.step("resolve-filled", () -> browser.type(TASK_PANE, "解决方案 Solution", "Replaced the disk and rebuilt the array"));
    browser.completeTask("Resolve problem");
    runJobs();
    assertThat(openTask(instance, "verify").getAssignee()).isEqualTo("tech");

    browser.openTaskInList("Verify resolution");
    browser.step("verify-filled", () -> {
      tick(TASK_PANE, "是 Yes");
      browser.type(TASK_PANE, "验证说明 Verification note", "Test mail sent and received from building A");
      // a knowledge article, its fields filled from the request, submitted as shown but for the keywords
      tick(TASK_PANE, "发布知识文章 Publish a knowledge article");
      WebElement title = browser.field(TASK_PANE, "文章标题 Article title");
      wait.until(d -> subject.equals(title.getDomProperty("value")));
      browser.type(TASK_PANE, "关键词（可选） Keywords (optional)", "RAID");
    });
    browser.completeTask("Verify resolution");
    runJobs();
    assertThat(jdbc.queryForMap("SELECT title, solution, keywords, author, is_public FROM knowledge_article WHERE ticket_id = ?",
        ticketId)).containsEntry("title", subject).containsEntry("solution", "Replaced the disk and rebuilt the array")
        .containsEntry("keywords", "RAID").containsEntry("author", "tech").containsEntry("is_public", false);
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.RESOLVED);
    Task confirm = openTask(instance, "confirm");
    assertThat(confirm.getAssignee()).isNull();
    assertThat(taskService.getIdentityLinksForTask(confirm.getId())).extracting(IdentityLink::getGroupId)
        .contains("service-desk");

    // 4. The service desk confirms for the requester (who has no login).
    logOut();
    logIn("desk");
    findTicketTasks(ticketId, GROUP_TASKS);
    browser.openTaskInList("Confirm resolution");
    browser.claim();
    browser.step("confirm-filled", () -> {
      // whom the desk calls to ask
      assertThat(browser.field(TASK_PANE, "电话 Phone").getDomProperty("value")).isEqualTo("+86 10 5555 0101");
      tick(TASK_PANE, "是 Yes");
      browser.type(TASK_PANE, "满意度（1 = 很差，5 = 很好） Satisfaction (1 = poor, 5 = excellent)", "5");
    });
    browser.completeTask("Confirm resolution");
    runJobs();

    // 5. The ticket is closed as confirmed, and its journal shows who did what.
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    Ticket closed = tickets.find(ticketId).orElseThrow();
    assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("CONFIRMED");
    assertThat(closed.satisfied()).isTrue();
    assertThat(closed.satisfactionScore()).isEqualTo(5);
    assertThat(closed.subject()).isEqualTo(subject);
    assertThat(closed.requesterPhone()).isEqualTo("+86 10 5555 0101");
    assertThat(closed.location()).isEqualTo("Building A, room 101");
    assertThat(closed.handler()).isEqualTo("tech");
    List<JournalEntry> entries = journal.entries(ticketId);
    assertThat(entries).extracting(JournalEntry::actor).contains("desk", "tech");
    assertThat(entries.get(0).actor()).isEqualTo("desk");
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("tech");
      assertThat(e.text()).contains("Accept request completed", "Called Li Wei");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("desk");
      assertThat(e.text()).contains("Confirm resolution completed", "satisfactionScore: 5");
    });
    logOut();
  }

  @Test
  void theHandlerSeesEveryConsultantsOpinionOnResolve() throws IOException {
    openBrowser("tasklist-opinions-");
    ProcessInstance instance = start("desk", phoneCall());
    diagnoseAsking(instance, "expert");
    work("expert", instance, "consult", vars("opinion", "Check the fan controller"));

    logIn("tech");
    findTicketTasks(instance.getBusinessKey(), MY_TASKS);
    browser.openTaskInList("Resolve problem");
    browser.step("resolve-shows-opinions", () -> {
      WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(TASK_PANE + "//table")));
      wait.until(d -> table.getText().contains("Check the fan controller"));
      assertThat(table.getText()).contains("专家 Expert", "意见 Opinion", "Expert Demo (expert)");
    });
  }

  /**
   * Manual 6.1's daily inspection record: a supervisor starts the inspection from Tasklist, a switch
   * port that does not answer becomes a finding, and the switch's owner group reads the findings on
   * the Review inspection form and signs the run off.
   */
  @Test
  void supervisorStartsTheDailyInspectionAndTheOwnerGroupSignsItOff() throws IOException {
    openBrowser("tasklist-inspection-");
    int darkPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      darkPort = socket.getLocalPort();
    }
    String switchId = "sw-journey-" + UUID.randomUUID().toString().substring(0, 6);
    inventory.all().forEach(asset -> inventory.delete(asset.assetId()));
    inventory.save(new Asset(switchId, AssetType.NETWORK, "Rack 9", "network-support", null, null, "127.0.0.1",
        List.of(darkPort), null), "test");
    try {
      logIn("lead");
      browser.step("inspection-start-form", () -> {
        browser.click(By.cssSelector(".start-process-action"));
        browser.click(By.xpath("//ul[contains(@class,'processes')]//a[contains(normalize-space(),'Daily inspection')]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
      });
      browser.step("inspection-started", () -> {
        wait.until(ExpectedConditions.elementToBeClickable(browser.startButton())).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
      });
      ProcessInstance run = runtime.createProcessInstanceQuery().processDefinitionKey("daily-inspection").singleResult();
      runJobs();
      // The run id is the instance's business key, given by its first step.
      String runId = records.runOfInstance(run.getId()).orElseThrow().runId();
      logOut();

      logIn("tech");
      findTicketTasks(runId, GROUP_TASKS);
      browser.openTaskInList("Review inspection");
      browser.step("review-shows-findings", () -> {
        WebElement findings = browser.field(TASK_PANE, "异常读数 Findings not OK (工单见 → ticket)");
        wait.until(d -> String.valueOf(findings.getDomProperty("value")).contains(switchId));
        assertThat(findings.getDomProperty("value")).contains(switchId + " · tcp/" + darkPort + " [PORT] CRITICAL");
      });
      browser.claim();
      browser.type(TASK_PANE, "审核意见 Remark", "Port dark since the night; ticket with network support");
      browser.completeTask("Review inspection");
      assertThat(records.run(runId).orElseThrow().reviewer()).as("who signed the run").isEqualTo("tech");
    } finally {
      inventory.delete(switchId);
    }
  }

  @Test
  void supervisorSeesAllOpenWorkAndAssignsAnUnclaimedTask() throws IOException {
    openBrowser("tasklist-supervisor-");
    ProcessInstance instance = start("desk", phoneCall());
    String ticketId = instance.getBusinessKey();
    Task accept = openTask(instance, "accept");
    assertThat(accept.getAssignee()).isNull();

    logIn("lead");
    findTicketTasks(ticketId, "所有未完成 All open");
    browser.step("all-open-shows-ticket", () -> assertThat(browser.texts(TASK_CARDS)).singleElement()
        .satisfies(card -> assertThat(card).contains("Accept request", ticketId, "Mail server does not answer")));
    findTicketTasks(ticketId, "未分配 Unassigned");
    browser.openTaskInList("Accept request");
    browser.step("assign-to-tech", () -> {
      WebElement handler = assignTab();
      handler.sendKeys("tech");
      browser.click(By.cssSelector("form.opsdesk-assign button[type='submit']"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("form.opsdesk-assign [role='status']"),
          "Assigned to tech"));
      // The page reloads and Tasklist's header names the new assignee.
      wait.until(ExpectedConditions.stalenessOf(handler));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.task-details li.assignee"), "Tech"));
    });
    assertThat(taskService.createTaskQuery().taskId(accept.getId()).singleResult().getAssignee()).isEqualTo("tech");

    browser.step("assign-to-self-refused", () -> {
      taskService.setAssignee(accept.getId(), null);
      WebElement handler = assignTab();
      handler.clear();
      handler.sendKeys("lead");
      browser.click(By.cssSelector("form.opsdesk-assign button[type='submit']"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("form.opsdesk-assign [role='status']"),
          "Not assigned"));
    });
    assertThat(taskService.createTaskQuery().taskId(accept.getId()).singleResult().getAssignee()).isNull();
    logOut();
  }

  /**
   * The desk corrects a request rated too high, on the start form "Reclassify a request": a wrong
   * ticket id is refused with the reason, the right one reclassifies it and Tasklist names the ticket.
   */
  @Test
  void theDeskReclassifiesARequestOnItsStartForm() throws IOException {
    openBrowser("tasklist-reclassify-");
    ProcessInstance instance = start("desk", phoneCall());
    String ticketId = instance.getBusinessKey();
    assertThat(ticketOf(instance).priority()).isEqualTo("IMPORTANT");

    logIn("desk");
    browser.step("reclassify-form", () -> {
      browser.click(By.cssSelector(".start-process-action"));
      browser.click(By.xpath("//ul[contains(@class,'processes')]//a[contains(normalize-space(),'Reclassify a request')]"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
      browser.type(START_DIALOG, "工单 Ticket", "SR-1999-999999");
      choose(START_DIALOG, "类别 Category", "网络 Network");
      choose(START_DIALOG, "影响 Impact", "低 Low");
      choose(START_DIALOG, "紧急度 Urgency", "低 Low");
      browser.type(START_DIALOG, "重新分级原因 Reason for the reclassification", "Only one office printer is affected");
    });
    browser.step("reclassify-refused-unknown-ticket", () -> {
      wait.until(ExpectedConditions.elementToBeClickable(browser.startButton())).click();
      WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath(START_DIALOG + "//div[@notifications-panel]//div[contains(@class,'alert')]")));
      assertThat(refusal.getText()).contains("ticketId names no request").doesNotContain("Exception", "ENGINE-");
    });
    assertThat(ticketOf(instance).priority()).isEqualTo("IMPORTANT");

    browser.step("reclassified", () -> {
      WebElement ticket = browser.field(START_DIALOG, "工单 Ticket");
      clear(ticket);
      browser.type(START_DIALOG, "工单 Ticket", ticketId);
      wait.until(ExpectedConditions.elementToBeClickable(browser.startButton())).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(START_DIALOG)));
      assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("opsdesk-ticket-started"))).getText())
          .contains("Request reclassified", ticketId);
    });
    Ticket reclassified = ticketOf(instance);
    assertThat(reclassified.priority()).isEqualTo("MINOR");
    assertThat(reclassified.candidateGroup()).isEqualTo("network-support");
    logOut();
  }

  /** Opens OpsDesk's Assign tab of the open task; returns its user id field. */
  private WebElement assignTab() {
    browser.click(By.xpath(TASK_PANE + "//ul[contains(@class,'nav-tabs')]//a[normalize-space()='分配 Assign']"));
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.opsdesk-assign input[name='assignee']")));
  }

  // ---- Tasklist, as a user sees it ----------------------------------------------------------

  private void logIn(String user) {
    if (driver.findElements(TasklistBrowser.LOGIN_NAME).stream().noneMatch(WebElement::isDisplayed)) {
      browser.openApp("tasklist");
    }
    browser.step("login-" + user, () -> {
      browser.typeLogin(user);
      browser.waitForTasklist(user);
    });
  }

  private void logOut() {
    browser.step("logout", browser::logOut);
  }

  private void findTicketTasks(String ticketId, String... filters) {
    browser.step("filter-" + slug(filters[0]), () -> browser.filterTicketTasks(ticketId, filters));
  }


  private void clear(WebElement input) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.TAB);
    wait.until(d -> "".equals(input.getDomProperty("value")));
  }

  private void tick(String scope, String label) {
    WebElement box = browser.field(scope, label);
    wait.until(ExpectedConditions.elementToBeClickable(box)).click();
    wait.until(ExpectedConditions.elementToBeSelected(box));
  }

  private void choose(String scope, String label, String option) {
    WebElement group = browser.field(scope, label).findElement(By.xpath("./ancestor::div[contains(@class,'fjs-form-field')][1]"));
    // Focus (e.g. TAB from the field before) opens the list already; a click would close it again.
    if (group.findElements(By.cssSelector(".fjs-dropdownlist")).isEmpty()) {
      group.findElement(By.cssSelector(".fjs-select-display")).click();
    }
    wait.until(d -> group.findElement(By.xpath(
        ".//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + option + "']"))).click();
    wait.until(d -> option.equals(group.findElement(By.cssSelector(".fjs-select-display")).getText().trim()));
  }

  // ---- engine ----------------------------------------------------------------------------------

  private Set<String> serviceRequestIds() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("service-request").list().stream()
        .map(HistoricProcessInstance::getId).collect(Collectors.toCollection(HashSet::new));
  }
}
