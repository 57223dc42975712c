package io.opsdesk.tasklist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.fail;

/**
 * A headless Chromium on the Camunda webapps (Tasklist, Cockpit), shared by the browser tests: a
 * test creates one in {@code @BeforeEach} and closes it in {@code @AfterEach}.
 *
 * <p>Uses Debian's Chromium and ChromeDriver at fixed paths (never Selenium Manager, never a
 * download); without them the test is skipped on a developer's machine and failed in CI
 * ({@code CI=true}). Each {@link #step} leaves a PNG in {@code target/screenshots/}, named after the
 * test's prefix, the step's number and name.
 *
 * <p>Selectors lean on what a user sees: login placeholders, button and link texts, form field
 * labels (Camunda Forms generate random element ids, so a field is found through its label's
 * {@code for}).
 */
final class TasklistBrowser implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Tasklist filters by name, the first one that exists is used: OpsDesk's own filters, else the
   * starter's catch-all "All tasks".
   */
  static final String[] GROUP_TASKS = {"我的组 My group", "All tasks"};
  static final String[] MY_TASKS = {"我的任务 My tasks", "All tasks"};

  static final String TASK_PANE = "//section[contains(@class,'task-details')]";
  static final String START_DIALOG = "//div[contains(@class,'modal-dialog')]";

  /** The webapps' login form, found by its model rather than by its (translated) placeholder. */
  static final By LOGIN_NAME = By.cssSelector(".form-signin input[ng-model='username']");

  /** The browser language of {@link #open(int, String)}: the tests that read English texts. */
  static final String ENGLISH = "en-US";

  /** Tasklist's own words that the helpers below look for, in a language of zh.json or English. */
  private record Words(String filterTasks, String businessKeyCriterion, String complete, String start) {
  }

  private static final Words ENGLISH_WORDS = new Words("Filter Tasks", "Process Instance Business Key", "Complete", "Start");
  private static final Words CHINESE_WORDS = new Words("筛选任务", "工单号（流程实例业务键）", "完成", "发起");

  private final int port;
  private final String shotPrefix;
  private Words words;
  /** Dialogs stay open for the test to see; a step that meets one fails naming it, and a failed step saves the page source. */
  private final boolean watchDialogs;
  private final WebDriver driver;
  private final WebDriverWait wait;
  private final Path profileDir;
  private int step;

  /** A browser in English for the app on this port; its screenshots start with {@code shotPrefix}. */
  static TasklistBrowser open(int port, String shotPrefix) throws IOException {
    return open(port, shotPrefix, ENGLISH);
  }

  /** A browser whose language (its {@code Accept-Language} and {@code navigator.languages}) is {@code language}. */
  static TasklistBrowser open(int port, String shotPrefix, String language) throws IOException {
    return new TasklistBrowser(port, shotPrefix, null, language);
  }

  /**
   * A browser that runs {@code pageHooks} in every document before the page's own scripts and
   * leaves a dialog a page opens open, so that the test's checks see it; a step that meets a dialog
   * fails with its text, and a failed step also saves the page source next to its screenshot.
   */
  static TasklistBrowser openWatchingDialogs(int port, String shotPrefix, String pageHooks) throws IOException {
    return new TasklistBrowser(port, shotPrefix, pageHooks, ENGLISH);
  }

  private TasklistBrowser(int port, String shotPrefix, String pageHooks, String language) throws IOException {
    boolean present = Files.isExecutable(Paths.get(CHROMIUM)) && Files.isExecutable(Paths.get(CHROMEDRIVER));
    String missing = "Browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
        + " (apt-get install chromium chromium-driver)";
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + "; CI=true requires them");
    }
    Assumptions.assumeTrue(present, missing);

    this.port = port;
    this.shotPrefix = shotPrefix;
    this.words = wordsOf(language);
    this.watchDialogs = pageHooks != null;
    Files.createDirectories(SCREENSHOTS);
    try (Stream<Path> old = Files.list(SCREENSHOTS)) {
      for (Path file : old.filter(p -> p.getFileName().toString().startsWith(shotPrefix)).toList()) {
        Files.delete(file);
      }
    }
    profileDir = Files.createTempDirectory("opsdesk-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
        "--window-size=1600,1200", "--user-data-dir=" + profileDir.toAbsolutePath(), "--lang=" + language);
    // The webapps pick their language from the browser's (navigator.languages), as a user's browser set to it.
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    if (watchDialogs) {
      // A dialog a page opens stays open, so that the check after each step sees it.
      options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    ChromeDriver chrome;
    try {
      chrome = new ChromeDriver(service, options);
      if (pageHooks != null) {
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", pageHooks));
      }
    } catch (RuntimeException e) {
      deleteProfile();
      throw e;
    }
    driver = chrome;
    wait = new WebDriverWait(driver, WAIT);
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() throws IOException {
    try (Stream<Path> files = Files.walk(profileDir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  WebDriver driver() {
    return driver;
  }

  WebDriverWait waiting() {
    return wait;
  }

  /** {@code http://localhost:<port>} followed by the path. */
  String url(String path) {
    return "http://localhost:" + port + path;
  }

  // ---- logging in and out ----------------------------------------------------------------------

  void openApp(String app) {
    driver.get(url("/camunda/app/" + app + "/"));
  }

  /**
   * Fills in the webapps' login form (password = user name) and submits it, in any language. The login
   * page focuses its name field by itself once loaded, which may take keys meant for the password
   * ("deskdesk" and no password): the fields are typed again until each holds what was typed.
   */
  void typeLogin(String user) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(LOGIN_NAME));
    By password = By.cssSelector(".form-signin input[ng-model='password']");
    wait.until(d -> {
      WebElement name = d.findElement(LOGIN_NAME);
      WebElement secret = d.findElement(password);
      name.clear();
      name.sendKeys(user);
      secret.clear();
      secret.sendKeys(user);
      return user.equals(name.getDomProperty("value")) && user.equals(secret.getDomProperty("value"));
    });
    driver.findElement(By.cssSelector(".form-signin button[type='submit']")).click();
  }

  /**
   * From the next page on, the browser speaks {@code language}: Chrome's own user-agent override
   * sets {@code Accept-Language} and {@code navigator.languages}, as the language setting does.
   */
  void speak(String language) {
    String userAgent = (String) js("return navigator.userAgent");
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setUserAgentOverride",
        Map.of("userAgent", userAgent, "acceptLanguage", language));
    words = wordsOf(language);
  }

  private static Words wordsOf(String language) {
    return language.startsWith("zh") ? CHINESE_WORDS : ENGLISH_WORDS;
  }

  /** Whether the vendor's "migrate to Camunda 8" banner shows on the page. */
  boolean vendorBannerShown() {
    return driver.findElements(By.cssSelector(".ce-eol-banner")).stream().anyMatch(WebElement::isDisplayed);
  }

  /** Waits for Tasklist's start button, then for the user's name in the account menu. */
  void waitForTasklist(String user) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action")));
    waitForAccount(user);
  }

  void waitForAccount(String user) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.account > a.dropdown-toggle"),
        Character.toUpperCase(user.charAt(0)) + user.substring(1)));
  }

  void logOut() {
    dismissNotifications();
    click(By.cssSelector("li.account > a.dropdown-toggle"));
    click(By.cssSelector("li.account li.logout > a"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(LOGIN_NAME));
  }

  // ---- Tasklist's filters, list and form -------------------------------------------------------

  /**
   * Focuses the first of the given Tasklist filters that exists and narrows it with Tasklist's
   * search ("Process Instance Business Key") to the ticket's tasks; returns the filter used.
   */
  String filterTicketTasks(String ticketId, String... filters) {
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
          By.cssSelector("[cam-widget-search] input.main-field[placeholder='" + words.filterTasks() + "']")));
      search.click();
      search.sendKeys(words.businessKeyCriterion().substring(0, 3));
      click(By.cssSelector("[cam-widget-search] li.uib-typeahead-match a[title='" + words.businessKeyCriterion() + "']"));
      WebElement value = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("[cam-widget-search] .value-field input")));
      value.sendKeys(ticketId, Keys.ENTER);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(pill, ticketId));
    }
    return filter;
  }

  private static By filterLink(String name) {
    return By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),'"
        + name + "')]");
  }

  /** A step: opens the task of this name from the list, read fresh, and waits for its form. */
  void openTaskInList(String name) {
    step("open-" + slug(name), () -> {
      // The list reloads after a completion, and the task may have been created after it was shown:
      // read it fresh, as the user would after async work (a new document, too).
      driver.navigate().refresh();
      By link = By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[contains(normalize-space(),'" + name + "')]");
      try {
        click(link);
      } catch (TimeoutException e) {
        throw new AssertionError("No task " + name + " in the list; the list shows " + texts(By.cssSelector("[cam-tasks]"))
            + "; filter " + texts(By.cssSelector(".task-filter.active h4.name")), e);
      }
      wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath(TASK_PANE + "//h2[contains(normalize-space(),'" + name + "')]")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(TASK_PANE + "//form[contains(@class,'fjs-form')]")));
    });
  }

  /** The start dialog's Start button, in the browser's language. */
  WebElement startButton() {
    return driver.findElement(By.xpath(START_DIALOG + "//div[contains(@class,'modal-footer')]//button[normalize-space()='"
        + words.start() + "']"));
  }

  /** A step: claims the open task and waits until its form may be filled in. */
  void claim() {
    step("claimed", () -> {
      click(By.cssSelector("section.task-details button.claim"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.task-details button.unclaim")));
      wait.until(d -> d.findElements(By.cssSelector("section.task-details .disabled-form")).isEmpty());
    });
  }

  /** A step: completes the open task of this name and waits until it has left the pane. */
  void completeTask(String name) {
    step("completed-" + slug(name), () -> {
      dismissNotifications();
      WebElement complete = driver.findElement(By.xpath(
          TASK_PANE + "//div[contains(@class,'form-actions')]/button[normalize-space()='" + words.complete() + "']"));
      js("arguments[0].scrollIntoView({block: 'center'})", complete);
      wait.until(ExpectedConditions.elementToBeClickable(complete)).click();
      By header = By.xpath(TASK_PANE + "//h2[contains(normalize-space(),'" + name + "')]");
      try {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(header));
      } catch (TimeoutException e) {
        throw new AssertionError("Task " + name + " not completed; Tasklist says: " + notificationTexts()
            + "; form errors: " + texts(By.cssSelector(".fjs-form-field-error")), e);
      }
    });
  }

  /** Types into the form field and leaves it with TAB, which commits the value (form-js debounces input). */
  void type(String scope, String label, String text) {
    WebElement input = field(scope, label);
    wait.until(ExpectedConditions.elementToBeClickable(input));
    input.sendKeys(text, Keys.TAB);
  }

  /** A Camunda Forms field by its label: the element its label's {@code for} names. */
  WebElement field(String scope, String label) {
    WebElement labelElement = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(scope
        + "//label[contains(@class,'fjs-form-field-label')][normalize-space(text()[1])='" + label + "']")));
    return driver.findElement(By.id(labelElement.getAttribute("for")));
  }

  // ---- general ---------------------------------------------------------------------------------

  void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The shown texts of the elements found, one line each, the empty ones left out. */
  List<String> texts(By by) {
    return driver.findElements(by).stream().map(e -> {
      try {
        return e.isDisplayed() ? e.getText().replace('\n', ' ').trim() : "";
      } catch (StaleElementReferenceException gone) {
        return "";
      }
    }).filter(text -> !text.isEmpty()).toList();
  }

  List<String> notificationTexts() {
    return texts(By.cssSelector("[notifications-panel] .alert"));
  }

  /** Closes the page's notifications: they sit over the bottom right corner, where Complete is. */
  void dismissNotifications() {
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

  static String slug(String text) {
    return text.toLowerCase().replaceAll("[^a-z0-9]+", "-");
  }

  // ---- steps and screenshots -------------------------------------------------------------------

  /** Runs the action and leaves a screenshot of the page after it (marked FAILED if it failed). */
  void step(String name, Runnable action) {
    String file = String.format("%s%02d-%s", shotPrefix, ++step, name);
    try {
      action.run();
    } catch (UnhandledAlertException e) {
      if (!watchDialogs) {
        screenshot(file + "-FAILED");
        throw e;
      }
      String text = e.getAlertText();
      try {
        text = driver.switchTo().alert().getText();
        driver.switchTo().alert().dismiss();
      } catch (RuntimeException ignored) {
        // already gone
      }
      screenshot(file + "-FAILED");
      throw new AssertionError(name + ": a payload opened a dialog: " + text, e);
    } catch (RuntimeException | AssertionError e) {
      screenshot(file + "-FAILED");
      if (watchDialogs) {
        pageSource(file + "-FAILED");
      }
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
      // Only a record: a missing screenshot must neither fail the test nor hide a step's failure.
      System.err.println("Screenshot " + file + " failed: " + e);
    }
  }

  /** On failure only: the DOM as it was, to see which selector or payload is at fault. */
  private void pageSource(String file) {
    try {
      Files.writeString(SCREENSHOTS.resolve(file + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.err.println("Page source " + file + " failed: " + e);
    }
  }
}
