package io.opsdesk.tasklist;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final String SHOT_PREFIX = "tasklist-journey-";
  static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Tasklist filters by name, the first one that exists is used: OpsDesk's own filters, else the
   * starter's catch-all "All tasks".
   */
  static final String[] GROUP_TASKS = {"My group", "All tasks"};
  static final String[] MY_TASKS = {"My tasks", "All tasks"};

  static final String START_DIALOG = "//div[contains(@class,'modal-dialog')]";
  static final String TASK_PANE = "//section[contains(@class,'task-details')]";

  @LocalServerPort int port;

  private WebDriver driver;
  private WebDriverWait wait;
  private Path profileDir;
  private int step;

  @BeforeEach
  void openBrowser() throws IOException {
    boolean present = Files.isExecutable(Paths.get(CHROMIUM)) && Files.isExecutable(Paths.get(CHROMEDRIVER));
    String missing = "Browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
        + " (apt-get install chromium chromium-driver)";
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + "; CI=true requires them");
    }
    Assumptions.assumeTrue(present, missing);

    Files.createDirectories(SCREENSHOTS);
    try (Stream<Path> old = Files.list(SCREENSHOTS)) {
      for (Path file : old.filter(p -> p.getFileName().toString().startsWith(SHOT_PREFIX)).toList()) {
        Files.delete(file);
      }
    }
    profileDir = Files.createTempDirectory("opsdesk-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
        "--window-size=1600,1200", "--user-data-dir=" + profileDir.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, WAIT);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profileDir != null) {
      try (Stream<Path> files = Files.walk(profileDir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void deskRecordsACallTechHandlesItDeskConfirms() {
    String subject = "Mail server in building A does not answer (" + UUID.randomUUID().toString().substring(0, 8) + ")";
    Set<String> before = serviceRequestIds();
    int ticketsBefore = count("ticket");
    int journalBefore = count("ticket_journal");

    // 1. The service desk records a phone call on the start form.
    logIn("desk");
    step("desk-logged-in", () -> assertThat(driver.findElement(By.cssSelector(".ce-eol-banner")).getText())
        .contains("Camunda 8"));
    step("start-form-open", () -> {
      click(By.cssSelector(".start-process-action"));
      click(By.xpath("//ul[contains(@class,'processes')]//a[normalize-space()='IT service request']"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
    });
    step("start-form-filled-invalid-phone", () -> {
      type(START_DIALOG, "Requester name", "Li Wei");
      type(START_DIALOG, "Phone", "abc");
      choose(START_DIALOG, "Channel", "Phone");
      type(START_DIALOG, "Subject", subject);
      type(START_DIALOG, "Description", "Since 9:00 nobody in building A can send mail.");
      type(START_DIALOG, "Location", "Building A, room 101");
      choose(START_DIALOG, "Category", "Hardware");
      choose(START_DIALOG, "Impact", "High");
      choose(START_DIALOG, "Urgency", "Medium");
    });
    step("start-refused-invalid-phone", () -> {
      startButton().click();
      WebElement phone = field(START_DIALOG, "Phone");
      WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.id(phone.getAttribute("id") + "-error-message")));
      assertThat(error.getText()).as("validation message under Phone").isNotBlank();
      assertThat(phone.getAttribute("aria-invalid")).isEqualTo("true");
      wait.until(ExpectedConditions.not(ExpectedConditions.elementToBeClickable(startButton())));
    });
    assertThat(serviceRequestIds()).as("service-request instances after the refused start").isEqualTo(before);
    assertThat(count("ticket")).isEqualTo(ticketsBefore);
    assertThat(count("ticket_journal")).isEqualTo(journalBefore);

    step("start-refused-by-server-without-contact", () -> {
      // Neither phone nor email: the form accepts it, the process's start listener refuses it.
      clear(field(START_DIALOG, "Phone"));
      wait.until(ExpectedConditions.elementToBeClickable(startButton())).click();
      WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath(START_DIALOG + "//div[@notifications-panel]//div[contains(@class,'alert')]")));
      assertThat(refusal.getText()).contains("could not be started", "requesterPhone");
    });
    assertThat(serviceRequestIds()).as("service-request instances after the refused start").isEqualTo(before);
    assertThat(count("ticket")).isEqualTo(ticketsBefore);

    step("started", () -> {
      type(START_DIALOG, "Phone", "+86 10 5555 0101");
      wait.until(ExpectedConditions.elementToBeClickable(startButton())).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(START_DIALOG)));
      assertThat(notificationTexts()).anySatisfy(text -> assertThat(text).contains("The process has been started"));
    });
    dismissNotifications();

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
    Task accept = openTask(instance, "accept");
    assertThat(accept).as("accept task").isNotNull();
    assertThat(taskService.getIdentityLinksForTask(accept.getId())).extracting(IdentityLink::getGroupId)
        .contains("hardware-support");

    // 3. The technician accepts the group task, then diagnoses, resolves and verifies.
    logOut();
    logIn("tech");
    findTicketTasks(ticketId, GROUP_TASKS);
    openTaskInList("Accept request");
    step("accept-shows-request", () -> {
      WebElement subjectField = field(TASK_PANE, "Subject");
      wait.until(d -> subject.equals(subjectField.getDomProperty("value")));
      assertThat(subjectField.isEnabled()).as("subject field enabled").isFalse();
      assertThat(field(TASK_PANE, "Ticket").getDomProperty("value")).isEqualTo(ticketId);
    });
    claim();
    step("accept-filled", () -> type(TASK_PANE, "How did you contact the requester?",
        "Called Li Wei; the mail server console shows disk errors"));
    completeTask("Accept request");
    runJobs();
    assertThat(taskService.createTaskQuery().taskId(accept.getId()).count()).isZero();
    assertThat(openTask(instance, "diagnose").getAssignee()).isEqualTo("tech");

    findTicketTasks(ticketId, MY_TASKS);
    openTaskInList("Diagnose");
    step("diagnose-filled", () -> {
      type(TASK_PANE, "Diagnosis", "RAID 5 array degraded");
      type(TASK_PANE, "Root cause", "Failed disk in slot 2");
      assertThat(field(TASK_PANE, "Ask colleagues for a consultation").isSelected()).isFalse();
    });
    completeTask("Diagnose");
    runJobs();
    assertThat(openTask(instance, "resolve").getAssignee()).isEqualTo("tech");

    openTaskInList("Resolve");
    step("resolve-filled", () -> type(TASK_PANE, "Solution", "Replaced the disk and rebuilt the array"));
    completeTask("Resolve");
    runJobs();
    assertThat(openTask(instance, "verify").getAssignee()).isEqualTo("tech");

    openTaskInList("Verify resolution");
    step("verify-filled", () -> {
      tick(TASK_PANE, "The problem is solved and the system runs normally");
      type(TASK_PANE, "Verification note", "Test mail sent and received from building A");
    });
    completeTask("Verify resolution");
    runJobs();
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.RESOLVED);
    Task confirm = openTask(instance, "confirm");
    assertThat(confirm.getAssignee()).isNull();
    assertThat(taskService.getIdentityLinksForTask(confirm.getId())).extracting(IdentityLink::getGroupId)
        .contains("service-desk");

    // 4. The service desk confirms for the requester (who has no login).
    logOut();
    logIn("desk");
    findTicketTasks(ticketId, GROUP_TASKS);
    openTaskInList("Confirm resolution");
    claim();
    step("confirm-filled", () -> {
      tick(TASK_PANE, "I confirm the problem is solved");
      type(TASK_PANE, "Satisfaction (1 = poor, 5 = excellent)", "5");
    });
    completeTask("Confirm resolution");
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

  // ---- Tasklist, as a user sees it ----------------------------------------------------------

  private void logIn(String user) {
    if (driver.findElements(By.cssSelector("input[placeholder='Username']")).stream().noneMatch(WebElement::isDisplayed)) {
      driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
    }
    step("login-" + user, () -> {
      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("input[placeholder='Username']")));
      name.sendKeys(user);
      driver.findElement(By.cssSelector("input[placeholder='Password']")).sendKeys(user);
      driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action")));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.account > a.dropdown-toggle"),
          Character.toUpperCase(user.charAt(0)) + user.substring(1)));
    });
  }

  private void logOut() {
    step("logout", () -> {
      dismissNotifications();
      click(By.cssSelector("li.account > a.dropdown-toggle"));
      click(By.cssSelector("li.account li.logout > a"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[placeholder='Username']")));
    });
  }

  /**
   * Focuses the first of the given Tasklist filters that exists and narrows it with Tasklist's
   * search ("Process Instance Business Key") to the ticket's tasks.
   */
  private void findTicketTasks(String ticketId, String... filters) {
    step("filter-" + slug(filters[0]), () -> {
      wait.until(d -> !d.findElements(By.cssSelector(".task-filter h4.name a")).isEmpty());
      String filter = Stream.of(filters)
          .filter(name -> !driver.findElements(filterLink(name)).isEmpty())
          .findFirst()
          .orElseThrow(() -> new AssertionError("None of the Tasklist filters " + List.of(filters) + " exists; there are "
              + texts(By.cssSelector(".task-filter h4.name a"))));
      click(filterLink(filter));
      wait.until(ExpectedConditions.attributeContains(
          By.xpath("//div[contains(@class,'task-filter')][.//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),'"
              + filter + "')]]"), "class", "active"));
      By pill = By.cssSelector("[cam-widget-search] .value-field .view-value");
      if (texts(pill).stream().noneMatch(text -> text.contains(ticketId))) {
        WebElement search = wait.until(ExpectedConditions.elementToBeClickable(
            By.cssSelector("[cam-widget-search] input.main-field[placeholder='Filter Tasks']")));
        search.click();
        search.sendKeys("Business Key");
        click(By.cssSelector("[cam-widget-search] li.uib-typeahead-match a[title='Process Instance Business Key']"));
        WebElement value = wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[cam-widget-search] .value-field input")));
        value.sendKeys(ticketId, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(pill, ticketId));
      }
    });
  }

  private static By filterLink(String name) {
    return By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),'"
        + name + "')]");
  }

  private void openTaskInList(String name) {
    step("open-" + slug(name), () -> {
      // The list reloads after a completion; read it fresh, as the user would after async work.
      driver.navigate().refresh();
      By link = By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[normalize-space()='" + name + "']");
      try {
        click(link);
      } catch (TimeoutException e) {
        throw new AssertionError("No task " + name + " in the list; the list shows " + texts(By.cssSelector("[cam-tasks]"))
            + "; filter " + texts(By.cssSelector(".task-filter.active h4.name")), e);
      }
      wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath(TASK_PANE + "//h2[normalize-space()='" + name + "']")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(TASK_PANE + "//form[contains(@class,'fjs-form')]")));
    });
  }

  private void claim() {
    step("claimed", () -> {
      click(By.cssSelector("section.task-details button.claim"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.task-details button.unclaim")));
      wait.until(d -> d.findElements(By.cssSelector("section.task-details .disabled-form")).isEmpty());
    });
  }

  private void completeTask(String name) {
    step("completed-" + slug(name), () -> {
      dismissNotifications();
      WebElement complete = driver.findElement(By.xpath(
          TASK_PANE + "//div[contains(@class,'form-actions')]/button[normalize-space()='Complete']"));
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", complete);
      wait.until(ExpectedConditions.elementToBeClickable(complete)).click();
      By header = By.xpath(TASK_PANE + "//h2[normalize-space()='" + name + "']");
      try {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(header));
      } catch (TimeoutException e) {
        throw new AssertionError("Task " + name + " not completed; Tasklist says: " + notificationTexts()
            + "; form errors: " + texts(By.cssSelector(".fjs-form-field-error")), e);
      }
    });
  }

  private WebElement startButton() {
    return driver.findElement(By.xpath(START_DIALOG + "//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"));
  }

  /** A Camunda Forms field by its label: the element its label's {@code for} names. */
  private WebElement field(String scope, String label) {
    WebElement labelElement = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(scope
        + "//label[contains(@class,'fjs-form-field-label')][normalize-space(text()[1])='" + label + "']")));
    return driver.findElement(By.id(labelElement.getAttribute("for")));
  }

  /** Types and leaves the field with TAB, which commits the value (form-js debounces input). */
  private void type(String scope, String label, String text) {
    WebElement input = field(scope, label);
    wait.until(ExpectedConditions.elementToBeClickable(input));
    input.sendKeys(text, Keys.TAB);
  }

  private void clear(WebElement input) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.TAB);
    wait.until(d -> "".equals(input.getDomProperty("value")));
  }

  private void tick(String scope, String label) {
    WebElement box = field(scope, label);
    wait.until(ExpectedConditions.elementToBeClickable(box)).click();
    wait.until(ExpectedConditions.elementToBeSelected(box));
  }

  private void choose(String scope, String label, String option) {
    WebElement group = field(scope, label).findElement(By.xpath("./ancestor::div[contains(@class,'fjs-form-field')][1]"));
    // Focus (e.g. TAB from the field before) opens the list already; a click would close it again.
    if (group.findElements(By.cssSelector(".fjs-dropdownlist")).isEmpty()) {
      group.findElement(By.cssSelector(".fjs-select-display")).click();
    }
    wait.until(d -> group.findElement(By.xpath(
        ".//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + option + "']"))).click();
    wait.until(d -> option.equals(group.findElement(By.cssSelector(".fjs-select-display")).getText().trim()));
  }

  private void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  private List<String> notificationTexts() {
    return texts(By.cssSelector("[notifications-panel] .alert"));
  }

  private List<String> texts(By by) {
    return driver.findElements(by).stream().map(e -> {
      try {
        return e.isDisplayed() ? e.getText().replace('\n', ' ').trim() : "";
      } catch (StaleElementReferenceException gone) {
        return "";
      }
    }).filter(text -> !text.isEmpty()).toList();
  }

  /** Closes the page's notifications: they sit over the bottom right corner, where Complete is. */
  private void dismissNotifications() {
    for (WebElement alert : driver.findElements(By.cssSelector("[notifications-panel] .alert"))) {
      try {
        if (alert.isDisplayed()) {
          alert.findElement(By.cssSelector("[ng-transclude] > button.close")).click();
          wait.until(ExpectedConditions.stalenessOf(alert));
        }
      } catch (StaleElementReferenceException gone) {
        // closed by itself meanwhile
      }
    }
  }

  // ---- steps and screenshots -----------------------------------------------------------------

  private void step(String name, Runnable action) {
    String file = String.format("%s%02d-%s", SHOT_PREFIX, ++step, name);
    try {
      action.run();
    } catch (RuntimeException | AssertionError e) {
      screenshot(file + "-FAILED");
      throw e;
    }
    screenshot(file);
  }

  private void screenshot(String file) {
    try {
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), SCREENSHOTS.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(png.toPath());
    } catch (IOException | RuntimeException e) {
      // Only a record: a missing screenshot must neither fail the journey nor hide a step's failure.
      System.err.println("Screenshot " + file + " failed: " + e);
    }
  }

  private static String slug(String text) {
    return text.toLowerCase().replaceAll("[^a-z0-9]+", "-");
  }

  // ---- engine ----------------------------------------------------------------------------------

  private Set<String> serviceRequestIds() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("service-request").list().stream()
        .map(HistoricProcessInstance::getId).collect(Collectors.toCollection(HashSet::new));
  }
}
