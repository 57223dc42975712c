package io.opsdesk.tasklist;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static io.opsdesk.tasklist.TasklistBrowser.LOGIN_NAME;
import static io.opsdesk.tasklist.TasklistBrowser.START_DIALOG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpsDesk's webapps speak the browser's language and wear OpsDesk's face. One headless Chromium, set
 * to Simplified Chinese ({@code zh-CN}, its {@code Accept-Language} and {@code navigator.languages}),
 * logs into Tasklist as the service desk and as a technician, into Cockpit as a supervisor and into
 * Admin as the administrator; then the same browser, switched to English, does it all again. Each
 * page shows its language's navigation and dates, the title "OpsDesk ...", OpsDesk's logo and no
 * vendor "migrate to Camunda 8" banner; in each language the technician finds a request by its ticket
 * id, opens its bilingual Accept form and completes it with Tasklist's button of that language.
 * Screenshots: {@code target/screenshots/webapp-languages-*}.
 */
@Tag("single-run")
class WebappLanguagesTest extends OpsDeskTest {

  static final String SHOT_PREFIX = "webapp-languages-";
  static final String WEBJAR = "META-INF/resources/webjars/camunda/";

  /** What a language shows: page titles, navigation, and the shape of its dates. */
  private record Language(String tag, String documentLanguage,
      String tasklistTitle, String cockpitTitle, String adminTitle, String welcomeTitle,
      String logIn, String userName, List<String> tasklistMenu, String searchPlaceholder,
      List<String> cockpitMenu, List<String> adminMenu,
      Pattern longDate, Pattern relativeDate, String dateSeparator, Pattern tableDate) {

    String slug() {
      return tag.toLowerCase();
    }
  }

  private static final Language CHINESE = new Language("zh-CN", "zh-CN",
      "OpsDesk 任务列表", "OpsDesk 流程监控", "OpsDesk 系统管理", "OpsDesk 欢迎页",
      "登录", "用户名", List.of("键盘快捷键", "新建任务", "发起流程"), "筛选任务",
      List.of("流程", "决策", "人工任务", "更多"), List.of("用户", "组", "租户", "授权", "系统"),
      Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日星期[一二三四五六日] \\d{2}:\\d{2}"),
      Pattern.compile("创建于 (几秒|\\d+ (分钟|小时))前"), "\"，\"",
      Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}:\\d{2}"));

  // The webapps' index.html says lang="en"; only the Chinese pages change it.
  private static final Language ENGLISH = new Language("en-US", "en",
      "OpsDesk Tasklist", "OpsDesk Cockpit", "OpsDesk Admin", "OpsDesk Welcome",
      "Log in", "Username", List.of("Keyboard Shortcuts", "Create task", "Start process"), "Filter Tasks",
      List.of("Processes", "Decisions", "Human Tasks", "More"), List.of("Users", "Groups", "Tenants", "Authorizations", "System"),
      Pattern.compile("[A-Z][a-z]+day, \\d{1,2} [A-Z][a-z]+ \\d{4} \\d{2}:\\d{2}"),
      Pattern.compile("Created (a few seconds|a minute|\\d+ minutes|an hour|\\d+ hours) ago"), "\",\"",
      Pattern.compile("\\d{1,2} [A-Z][a-z]+ \\d{4} \\d{2}:\\d{2}:\\d{2}"));

  private static final By HEADER = By.cssSelector("[cam-widget-header]");

  @LocalServerPort int port;

  /** The one browser of the test that uses one, for the helpers below. */
  private TasklistBrowser browser;
  private WebDriver driver;
  private WebDriverWait wait;
  /** The running requests, the untriaged one last. */
  private List<ProcessInstance> requests;

  @Test
  void webappsSpeakTheBrowsersLanguageUnderOpsDesksName() throws IOException {
    // A request the desk must triage (no category) and one waiting for hardware support.
    Map<String, Object> untriaged = phoneCall();
    untriaged.remove("category");
    Map<Language, ProcessInstance> toAccept = Map.of(CHINESE, start("desk", phoneCall()), ENGLISH, start("desk", phoneCall()));
    requests = List.of(toAccept.get(CHINESE), toAccept.get(ENGLISH), start("desk", untriaged));

    try (TasklistBrowser opened = TasklistBrowser.open(port, SHOT_PREFIX, CHINESE.tag())) {
      browser = opened;
      driver = opened.driver();
      wait = opened.waiting();
      assertThat(browser.js("return navigator.languages")).as("languages of the browser as started")
          .isEqualTo(List.of(CHINESE.tag()));
      for (Language language : List.of(CHINESE, ENGLISH)) {
        browser.speak(language.tag());
        tasklistLogin(language);
        tasklist(language, "desk", "Triage request", false);
        tasklist(language, "tech", "Accept request", true);
        accept(language, toAccept.get(language));
        request(language);
        cockpit(language);
        admin(language);
      }
    }
  }

  @Test
  void faviconAndLogoAreOpsDesks() throws IOException {
    Path ours = Path.of("src/main/resources", WEBJAR, "favicon.ico");
    ResponseEntity<byte[]> favicon = rest.getForEntity("/camunda/favicon.ico", byte[].class);
    assertThat(favicon.getStatusCode().value()).isEqualTo(200);
    assertThat(favicon.getBody()).as("/camunda/favicon.ico is OpsDesk's").isEqualTo(Files.readAllBytes(ours))
        .isNotEqualTo(vendorFile("favicon.ico"));
    for (String asset : List.of("opsdesk-logo.svg", "opsdesk-wordmark.svg")) {
      ResponseEntity<String> svg = rest.getForEntity("/camunda/assets/" + asset, String.class);
      assertThat(svg.getStatusCode().value()).as(asset).isEqualTo(200);
      assertThat(svg.getBody()).as(asset).contains("<title>OpsDesk</title>");
    }
  }

  // ---- the webapps in one language -------------------------------------------------------------

  private void tasklistLogin(Language language) {
    browser.openApp("tasklist");
    browser.step(language.slug() + "-tasklist-login", () -> {
      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(LOGIN_NAME));
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".form-signin button[type='submit']"), language.logIn()));
      assertThat(name.getAttribute("placeholder")).isEqualTo(language.userName());
      assertFace(language, language.tasklistTitle(), ".form-signin .login-logo", "opsdesk-wordmark.svg");
    });
  }

  /**
   * Logs in, finds Tasklist's navigation and a task of the user's group in the language (with its SLA
   * due time, if {@code due}), logs out.
   */
  private void tasklist(Language language, String user, String taskName, boolean due) {
    // A page load of its own: the second one in a language finds both locale files in the browser's
    // cache, where the English fallback used to win the dates.
    browser.openApp("tasklist");
    browser.step(language.slug() + "-tasklist-" + user, () -> {
      browser.typeLogin(user);
      browser.waitForTasklist(user);
      waitForTexts(HEADER, language.tasklistMenu());
      wait.until(ExpectedConditions.attributeToBe(
          By.cssSelector("[cam-widget-search] input.main-field"), "placeholder", language.searchPlaceholder()));
      assertFace(language, language.tasklistTitle(), "[cam-widget-header] .brand-logo", "opsdesk-logo.svg");
    });
    browser.step(language.slug() + "-tasklist-" + user + "-group-tasks", () -> {
      // access.yaml's filter names are OpsDesk's own, not the webapp's: found by their English part.
      browser.click(By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.),'My group')]"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.tasks-list"), taskName));
      WebElement created = driver.findElement(By.cssSelector("ol.tasks-list .creation-date"));
      assertThat(created.getText().trim()).as("card's creation time").matches(language.relativeDate());
      assertThat(created.findElement(By.cssSelector("[uib-tooltip]")).getAttribute("uib-tooltip"))
          .as("card's creation time, in full").matches(language.longDate());
      if (due) {
        // Between the due and the creation time, a comma of the language.
        WebElement dueTime = driver.findElement(By.cssSelector("ol.tasks-list .due-date > span"));
        assertThat(browser.js("return getComputedStyle(arguments[0], '::after').content", dueTime))
            .as("separator after the due time").isEqualTo(language.dateSeparator());
      }
    });
    browser.step(language.slug() + "-tasklist-" + user + "-logout", browser::logOut);
  }

  /** The technician finds the request by its ticket id, reads its bilingual form and accepts it. */
  private void accept(Language language, ProcessInstance request) {
    String ticketId = request.getBusinessKey();
    String priorityName = (String) runtime.getVariable(request.getId(), "priorityName");
    browser.openApp("tasklist");
    browser.step(language.slug() + "-accept-login", () -> {
      browser.typeLogin("tech");
      browser.waitForTasklist("tech");
    });
    browser.step(language.slug() + "-accept-find-" + ticketId, () -> {
      browser.filterTicketTasks(ticketId, TasklistBrowser.GROUP_TASKS);
      wait.until(d -> browser.texts(By.cssSelector("ol.tasks-list > li")).size() == 1);
      assertThat(browser.texts(By.cssSelector("ol.tasks-list > li"))).singleElement()
          .satisfies(card -> assertThat(card).contains("受理请求 Accept request", ticketId, "优先级 Priority", priorityName));
    });
    browser.openTaskInList("Accept request");
    browser.step(language.slug() + "-accept-form", () -> {
      assertThat(browser.field(TasklistBrowser.TASK_PANE, "工单 Ticket").getDomProperty("value")).isEqualTo(ticketId);
      assertThat(browser.texts(By.cssSelector("section.task-details label.fjs-form-field-label")))
          .as("the form's labels, each with its Chinese name").isNotEmpty()
          .allSatisfy(label -> assertThat(label).containsPattern("\\p{IsHan}"));
    });
    browser.claim();
    browser.type(TasklistBrowser.TASK_PANE, "如何联系了请求人？ How did you contact the requester?",
        language == CHINESE ? "已电话联系李伟，确认邮件服务器磁盘报错" : "Called Li Wei; the console shows disk errors");
    browser.completeTask("Accept request");
    assertThat(taskService.createTaskQuery().processInstanceId(request.getId()).taskDefinitionKey("diagnose")
        .taskAssignee("tech").count()).as("tech diagnoses next").isEqualTo(1);
    browser.step(language.slug() + "-accept-logout", browser::logOut);
  }

  /** The requester opens a request of her own on the bilingual start form, in her language. */
  private void request(Language language) {
    String subject = language == CHINESE ? "打印机卡纸" : "The printer jams";
    browser.openApp("tasklist");
    browser.step(language.slug() + "-tasklist-alice", () -> {
      browser.typeLogin("alice");
      browser.waitForTasklist("alice");
      waitForTexts(HEADER, language.tasklistMenu());
    });
    browser.step(language.slug() + "-alice-start-form", () -> {
      browser.click(By.cssSelector(".start-process-action"));
      browser.click(By.xpath("//ul[contains(@class,'processes')]//a[contains(normalize-space(),'IT service request')]"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
      assertThat(browser.texts(By.cssSelector(".modal-dialog label.fjs-form-field-label")))
          .as("the start form's labels, each with its Chinese name").isNotEmpty()
          .allSatisfy(label -> assertThat(label).containsPattern("\\p{IsHan}"));
      browser.type(START_DIALOG, "主题 Subject", subject);
      browser.type(START_DIALOG, "描述 Description", language == CHINESE ? "三楼打印机每页都卡纸" : "Every page jams on floor 3");
    });
    browser.step(language.slug() + "-alice-started", () -> {
      wait.until(ExpectedConditions.elementToBeClickable(browser.startButton())).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
    });
    assertThat(history.createHistoricVariableInstanceQuery().variableName("subject").list())
        .filteredOn(v -> subject.equals(v.getValue())).singleElement()
        .satisfies(v -> assertThat(runtime.getVariable(v.getProcessInstanceId(), "requesterId")).isEqualTo("alice"))
        .satisfies(v -> assertThat(runtime.getVariable(v.getProcessInstanceId(), "channel")).isEqualTo("WEB"));
    browser.step(language.slug() + "-alice-logout", browser::logOut);
  }

  private void cockpit(Language language) {
    browser.openApp("cockpit");
    browser.step(language.slug() + "-cockpit-lead", () -> {
      browser.typeLogin("lead");
      browser.waitForAccount("lead");
      waitForTexts(By.cssSelector("[cam-widget-header] .sections-menu"), language.cockpitMenu());
      assertFace(language, language.cockpitTitle(), "[cam-widget-header] .brand-logo", "opsdesk-logo.svg");
    });
    browser.step(language.slug() + "-cockpit-instances", () -> {
      browser.click(By.cssSelector("[cam-widget-header] .sections-menu a[href='#/processes']"));
      browser.click(By.xpath("//a[contains(@href,'process-definition/')][contains(normalize-space(),'IT service request')]"));
      By startTimes = By.cssSelector("td.start-time");
      // The desk's requests, and those the requester opened meanwhile.
      wait.until(d -> browser.texts(startTimes).size() >= requests.size());
      assertThat(browser.texts(startTimes)).as("start times of the running requests")
          .allSatisfy(time -> assertThat(time).matches(language.tableDate()));
      assertThat(browser.texts(By.cssSelector("td.business-key"))).as("ticket ids of the running requests")
          .containsAll(requests.stream().map(ProcessInstance::getBusinessKey).toList());
      assertFace(language, language.cockpitTitle(), "[cam-widget-header] .brand-logo", "opsdesk-logo.svg");
    });
    ProcessInstance request = requests.get(0);
    browser.step(language.slug() + "-cockpit-lead-instance", () -> {
      browser.click(By.xpath("//tr[td[contains(@class,'business-key')][contains(normalize-space(),'"
          + request.getBusinessKey() + "')]]/td[contains(@class,'instance-id')]//a"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("dd.business-key"), request.getBusinessKey()));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ctn-toolbar")));
      assertThat(operations()).as("operations Cockpit offers a supervisor, who may not take them").isEmpty();
    });
    browser.step(language.slug() + "-cockpit-decisions", () -> {
      browser.click(By.cssSelector("[cam-widget-header] .sections-menu a[href='#/decisions']"));
      browser.click(By.xpath("//a[contains(@href,'decision-definition/')][contains(normalize-space(),'Priority')]"));
      wait.until(d -> !browser.texts(By.cssSelector("td.instance-id a")).isEmpty());
      assertThat(driver.findElements(By.cssSelector("td.instance-id a"))).extracting(a -> a.getAttribute("href"))
          .as("evaluations of the priority decision, linked to their requests")
          .anySatisfy(href -> assertThat(href).contains("process-instance/" + request.getId()));
    });
    browser.step(language.slug() + "-cockpit-logout", browser::logOut);
  }

  /** The operation buttons on the shown Cockpit instance page (suspend, cancel, add variable, retry). */
  private List<String> operations() {
    return driver.findElements(By.cssSelector(".ctn-toolbar a.btn-toolbar .glyphicon")).stream()
        .filter(WebElement::isDisplayed).map(icon -> icon.getAttribute("class")).toList();
  }

  private void admin(Language language) {
    browser.openApp("admin");
    browser.step(language.slug() + "-admin", () -> {
      browser.typeLogin("admin");
      browser.waitForAccount("admin");
      waitForTexts(By.cssSelector("[cam-widget-header] .sections-menu"), language.adminMenu());
      assertFace(language, language.adminTitle(), "[cam-widget-header] .brand-logo", "opsdesk-logo.svg");
    });
    browser.step(language.slug() + "-admin-cockpit-instance", () -> {
      driver.get(browser.url("/camunda/app/cockpit/default/#/process-instance/" + requests.get(0).getId() + "/runtime"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("dd.business-key"), requests.get(0).getBusinessKey()));
      wait.until(d -> operations().size() >= 3);
      assertThat(operations()).as("operations Cockpit offers the administrator")
          .anySatisfy(icon -> assertThat(icon).contains("glyphicon-pause"))
          .anySatisfy(icon -> assertThat(icon).contains("glyphicon-remove"));
    });
    browser.openApp("welcome");
    browser.step(language.slug() + "-welcome", () -> {
      browser.waitForAccount("admin");
      assertFace(language, language.welcomeTitle(), "[cam-widget-header] .brand-logo", "opsdesk-logo.svg");
    });
    browser.step(language.slug() + "-admin-logout", browser::logOut);
  }

  // ---- checks ----------------------------------------------------------------------------------

  /**
   * The page is OpsDesk's: its title, OpsDesk's mark where the vendor's logo was (which is hidden),
   * no vendor banner; and the document is marked as being in the page's language.
   */
  private void assertFace(Language language, String title, String logoSelector, String logoFile) {
    // Cockpit and Admin add the page: "OpsDesk Cockpit | Dashboard".
    wait.until(d -> d.getTitle().equals(title) || d.getTitle().startsWith(title + " | "));
    assertThat(browser.vendorBannerShown()).as("vendor's \"migrate to Camunda 8\" banner shown").isFalse();
    WebElement logo = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(logoSelector)));
    assertThat(logo.getCssValue("background-image")).as(logoSelector + " background").contains(logoFile);
    assertThat(logo.findElements(By.tagName("svg"))).as("vendor's logo in " + logoSelector)
        .noneMatch(WebElement::isDisplayed);
    assertThat(browser.js("return document.documentElement.lang")).as("document language")
        .isEqualTo(language.documentLanguage());
  }

  /** Waits until the element shows every text (translations load after the page). */
  private void waitForTexts(By element, List<String> texts) {
    try {
      wait.until(d -> texts.stream().allMatch(text -> String.join(" ", browser.texts(element)).contains(text)));
    } catch (TimeoutException e) {
      throw new AssertionError("Expected " + texts + " in " + browser.texts(element), e);
    }
  }

  /** The webjar's own copy of a file ours replaces. */
  private static byte[] vendorFile(String name) throws IOException {
    for (URL url : Collections.list(WebappLanguagesTest.class.getClassLoader().getResources(WEBJAR + name))) {
      if (url.toString().contains("camunda-webapp-webjar")) {
        try (InputStream in = url.openStream()) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("No " + name + " in the Camunda webjar");
  }
}
