package io.opsdesk.tasklist;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

import static io.opsdesk.tasklist.TasklistBrowser.GROUP_TASKS;
import static io.opsdesk.tasklist.TasklistBrowser.MY_TASKS;
import static io.opsdesk.tasklist.TasklistBrowser.TASK_PANE;
import static io.opsdesk.tasklist.TasklistBrowser.slug;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Stored XSS, in a real (headless) browser: a request whose free-text fields carry script and
 * AngularJS template payloads is opened through the Java API, then shown to a technician in
 * Tasklist (the accept and diagnose forms, the task's tabs) and to a supervisor in Cockpit (the
 * process instance's variables). On every page no payload may run (window.__xss stays undefined, no
 * dialog opens, AngularJS renders no expression, no payload became an element or attribute) and
 * each payload is shown as the literal text it was. The ticket API must answer JSON that a browser
 * never sniffs as HTML.
 *
 * <p>The webapps' Content-Security-Policy blocks inline event handlers, so injected markup would
 * mostly show as a CSP violation rather than a run script; the check counts both, and a canary
 * (markup injected on purpose) proves it sees them. AngularJS expressions are not stopped by that
 * CSP ('unsafe-eval'), hence the {@code {{...}}} payloads.
 *
 * <p>The browser is a {@link TasklistBrowser}, as in {@link TasklistJourneyTest}: Debian's Chromium and
 * ChromeDriver at fixed paths, skipped without them on a developer's machine, failed without them
 * in CI ({@code CI=true}). Each step leaves {@code target/screenshots/xss-*.png}.
 */
@Tag("single-run")
class StoredXssTest extends OpsDeskTest {

  static final String SHOT_PREFIX = "xss-";

  // ---- payloads: each sets window.__xss to its own number, so a failure names the one that ran ----

  /** AngularJS renders this as {@value #PROBE_RENDERED} if it ever compiles stored text as a template. */
  static final String PROBE = "{{'xss'+'-'+'probe'}}";
  static final String PROBE_RENDERED = "xss-probe";

  static final String REQUESTER = "Eve <img src=x onerror=\"window.__xss=1;alert('xss-1')\"> " + PROBE;
  static final String SUBJECT = "<script>window.__xss=2;alert('xss-2')</script>"
      + "{{constructor.constructor('window.__xss=3;alert(3)')()}}";
  static final String LOCATION = "\"><svg onload=\"window.__xss=4;alert('xss-4')\"> javascript:window.__xss=5;alert('xss-5')";
  /** Passes the email rule (no blank, one @, a dot after it) and still is markup. */
  static final String EMAIL = "\"><img/src=x/onerror=window.__xss=6,alert(6)>@evil.example";
  static final String DESCRIPTION = String.join("\n",
      "</textarea><img src=x onerror=\"window.__xss=7;alert(7)\">",
      "<script>window.__xss=8;alert(8)</script>",
      "{{constructor.constructor('window.__xss=9;alert(9)')()}}",
      "javascript:window.__xss=10;alert(10)",
      "'\"><svg/onload=window.__xss=11>",
      PROBE);
  static final String CONTACT_NOTE = "Called <img src=x onerror=\"window.__xss=12;alert(12)\"> "
      + "{{constructor.constructor('window.__xss=13;alert(13)')()}} </textarea><script>window.__xss=14</script>";
  static final String COMMENT = "<svg onload=\"window.__xss=15;alert(15)\"> "
      + "{{constructor.constructor('window.__xss=16;alert(16)')()}} " + PROBE;
  static final String TASK_DESCRIPTION = "Check <img src=x onerror=\"window.__xss=17;alert(17)\"> "
      + "{{constructor.constructor('window.__xss=18;alert(18)')()}} " + PROBE;
  /** A process variable whose *name* is markup: Cockpit shows variable names too. */
  static final String VARIABLE_NAME = "<img src=x onerror=\"window.__xss=19;alert(19)\">";
  static final String VARIABLE_VALUE = "{{constructor.constructor('window.__xss=20;alert(20)')()}}";

  /**
   * Installed by the browser into every document before the page's own scripts: records calls of
   * alert/confirm/prompt (a dialog that was opened and closed again is still seen) and CSP violations
   * (an injected inline script that the Content-Security-Policy blocked is markup injection all the same).
   */
  static final String HOOKS = """
      (() => {
        window.__xssHooks = true;
        window.__xssDialogs = [];
        window.__cspViolations = [];
        for (const name of ['alert', 'confirm', 'prompt']) {
          const original = window[name];
          window[name] = function (message) {
            window.__xssDialogs.push(name + '(' + message + ')');
            return original.apply(window, arguments);
          };
        }
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            e.effectiveDirective + ' blocked ' + e.blockedURI + (e.sample ? ' sample ' + e.sample : '')));
      })();
      """;

  /** Elements and attributes that only a payload parsed as markup can have produced. */
  static final String INJECTED_MARKUP = """
      const hits = [];
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
          const name = a.name.toLowerCase();
          if ((name.startsWith('on') || name === 'href' || name === 'src' || name === 'xlink:href' || name === 'action')
              && a.value.includes('__xss')) {
            hits.push('<' + el.tagName.toLowerCase() + ' ' + a.name + '="' + a.value + '">');
          }
        }
        if (el.tagName === 'SCRIPT' && el.textContent.includes('__xss')) {
          hits.push('<script>' + el.textContent + '</script>');
        }
      }
      return hits;
      """;

  @LocalServerPort int port;

  private TasklistBrowser browser;
  private WebDriver driver;
  private WebDriverWait wait;
  private final List<String> checkedPages = new ArrayList<>();

  @BeforeEach
  void openBrowser() throws IOException {
    browser = TasklistBrowser.openWatchingDialogs(port, SHOT_PREFIX, HOOKS);
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
  void payloadsStoredInARequestAreShownAsTextInTasklistCockpitAndTheApi() throws Exception {
    long started = System.nanoTime();

    // 1. The payloads go in through the Java API, as the service desk opens a request.
    Map<String, Object> request = phoneCall();
    request.put("requesterName", REQUESTER);
    request.put("subject", SUBJECT);
    request.put("description", DESCRIPTION);
    request.put("location", LOCATION);
    request.put("requesterEmail", EMAIL);
    request.put(VARIABLE_NAME, VARIABLE_VALUE);
    ProcessInstance instance = start("desk", request);
    String ticketId = instance.getBusinessKey();
    assertThat(ticketId).matches("SR-\\d{4}-\\d{6}");
    assertThat(tickets.find(ticketId).orElseThrow().subject()).as("stored subject").isEqualTo(SUBJECT);
    Task accept = openTask(instance, "accept");
    assertThat(accept).as("accept task").isNotNull();
    // Text a technician adds to the task, and a task description as a modeller or API caller could set it.
    as("tech", () -> taskService.createComment(accept.getId(), instance.getId(), COMMENT));
    Task described = taskService.createTaskQuery().taskId(accept.getId()).singleResult();
    described.setDescription(TASK_DESCRIPTION);
    taskService.saveTask(described);

    // 2. The technician looks at the accept task in Tasklist: the request shows as disabled fields.
    browser.openApp("tasklist");
    logInTasklist("tech");
    findTicketTasks(ticketId, GROUP_TASKS);
    browser.openTaskInList("Accept request");
    browser.step("accept-form", () -> {
      assertFieldShows("主题 Subject", SUBJECT);
      assertFieldShows("描述 Description", DESCRIPTION);
      assertFieldShows("请求人 Requester", REQUESTER);
      assertFieldShows("邮箱 Email", EMAIL);
      assertFieldShows("地点 Location", LOCATION);
      assertInert("Tasklist accept form");
    });
    browser.step("detector-canary", this::assertDetectorWorks);
    // A candidate may add comments but not read them (no READ on the task): tech's History tab stays empty.
    viewTaskTabs("accept", null, TASK_DESCRIPTION);
    logOutTasklist();

    // The supervisor, who may read the task's comments, opens the same task by its link and sees them.
    logInTasklist("lead");
    browser.step("lead-opens-accept", () -> {
      driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + accept.getId());
      wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath(TASK_PANE + "//h2[contains(normalize-space(),'Accept request')]")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(TASK_PANE + "//form[contains(@class,'fjs-form')]")));
      assertFieldShows("主题 Subject", SUBJECT);
      assertInert("Tasklist accept form (lead)");
    });
    viewTaskTabs("accept-lead", COMMENT, TASK_DESCRIPTION);
    logOutTasklist();

    // 3. Accepted through the Java API with a payload in the contact note, which the diagnose form shows.
    work("tech", instance, "accept", vars("contactNote", CONTACT_NOTE));
    assertThat(openTask(instance, "diagnose").getAssignee()).isEqualTo("tech");
    logInTasklist("tech");
    findTicketTasks(ticketId, MY_TASKS);
    browser.openTaskInList("Diagnose problem");
    browser.step("diagnose-form", () -> {
      assertFieldShows("主题 Subject", SUBJECT);
      assertFieldShows("描述 Description", DESCRIPTION);
      assertFieldShows("联系记录 Contact note", CONTACT_NOTE);
      assertInert("Tasklist diagnose form");
    });
    viewTaskTabs("diagnose", null, null);
    logOutTasklist();

    // 4. The supervisor looks at the instance in Cockpit: the payloads are variable values (and a name) there.
    browser.openApp("cockpit");
    logInCockpit("lead");
    browser.step("cockpit-processes", () -> {
      browser.click(By.cssSelector("[cam-widget-header] .sections-menu a[href='#/processes']"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(processLink()));
      assertInert("Cockpit processes");
    });
    browser.step("cockpit-definition", () -> {
      browser.click(processLink());
      wait.until(ExpectedConditions.visibilityOfElementLocated(instanceLink(ticketId)));
      assertInert("Cockpit process definition");
    });
    browser.step("cockpit-instance-variables", () -> {
      browser.click(instanceLink(ticketId));
      browser.click(instanceTab("Variables"));
      wait.until(ExpectedConditions.attributeContains(By.xpath(INSTANCE_TABS + "/li[a[normalize-space()='Variables']]"),
          "class", "active"));
      wait.until(d -> normalized(bodyText()).contains(normalized(SUBJECT)));
      String text = normalized(bodyText());
      for (String payload : List.of(REQUESTER, SUBJECT, DESCRIPTION, LOCATION, EMAIL, CONTACT_NOTE, VARIABLE_NAME,
          VARIABLE_VALUE)) {
        assertThat(text).as("Cockpit variables show the payload as text").contains(normalized(payload));
      }
      assertInert("Cockpit instance variables");
    });
    viewCockpitInstanceTabs();
    logOutCockpit();

    // 5. The ticket API answers JSON a browser never renders as HTML.
    assertTicketApiIsJson(ticketId);
    browser.step("api-in-browser", () -> viewTicketApiInBrowser(ticketId));

    System.out.printf("StoredXssTest: %d pages checked in %.1f s: %s%n", checkedPages.size(),
        (System.nanoTime() - started) / 1e9, checkedPages);
  }

  // ---- the checks ------------------------------------------------------------------------------

  /** The disabled form field with this label holds exactly the payload: stored and shown as text. */
  private void assertFieldShows(String label, String payload) {
    WebElement field = browser.field(TASK_PANE, label);
    try {
      wait.until(d -> payload.equals(field.getDomProperty("value")));
    } catch (TimeoutException e) {
      throw new AssertionError("Field " + label + " shows '" + field.getDomProperty("value") + "', expected '" + payload + "'", e);
    }
    assertThat(field.isEnabled()).as(label + " enabled").isFalse();
  }

  /**
   * Nothing a payload does has happened on the page shown now: no dialog is open or was opened,
   * {@code window.__xss} is unset, AngularJS rendered no probe, no payload turned into an element or
   * event handler, and the CSP had to block no inline script.
   */
  @SuppressWarnings("unchecked")
  private void assertInert(String page) {
    try {
      Alert dialog = driver.switchTo().alert();
      String text = dialog.getText();
      dialog.dismiss();
      fail(page + ": a payload opened a dialog: " + text);
    } catch (NoAlertPresentException expected) {
      // none open
    }
    Map<String, Object> state = (Map<String, Object>) browser.js("""
        return {
          hooks: window.__xssHooks === true,
          xss: window.__xss === undefined ? null : String(window.__xss),
          dialogs: window.__xssDialogs || [],
          csp: window.__cspViolations || [],
          text: document.body ? document.body.innerText : '',
          url: location.href
        };
        """);
    List<String> injected = (List<String>) browser.js(INJECTED_MARKUP);
    assertThat(state.get("hooks")).as(page + ": dialog hooks installed").isEqualTo(true);
    assertThat(state.get("xss")).as(page + ": window.__xss (set only by a payload that ran)").isNull();
    assertThat((List<String>) state.get("dialogs")).as(page + ": dialogs opened").isEmpty();
    assertThat(injected).as(page + ": payloads parsed into elements or handlers").isEmpty();
    assertThat((String) state.get("text")).as(page + ": text rendered by AngularJS from a stored " + PROBE)
        .doesNotContain(PROBE_RENDERED);
    assertThat(((List<String>) state.get("csp")).stream().filter(v -> v.startsWith("script-src")).toList())
        .as(page + ": inline scripts blocked by the CSP (markup injection)").isEmpty();
    if (!((List<String>) state.get("csp")).isEmpty()) {
      System.err.println(page + ": CSP violations " + state.get("csp"));
    }
    checkedPages.add(page);
  }

  /**
   * Proves the check is not blind: markup injected on purpose into the page shown now must be caught
   * by {@link #assertInert}. Leaves the page as it found it.
   */
  private void assertDetectorWorks() {
    browser.js("document.body.insertAdjacentHTML('beforeend', '<img id=\"xss-canary\" src=\"x\" onerror=\"window.__xss=0\">')");
    // Either the handler runs or the page's Content-Security-Policy blocks it; both happen once the image fails.
    wait.until(d -> Boolean.TRUE.equals(browser.js("return window.__xss !== undefined || window.__cspViolations.length > 0")));
    String caught = null;
    try {
      assertInert("canary");
    } catch (AssertionError expected) {
      caught = expected.getMessage();
    }
    System.out.println("StoredXssTest: canary handler ran: " + browser.js("return window.__xss !== undefined")
        + ", CSP violations: " + browser.js("return window.__cspViolations"));
    browser.js("document.getElementById('xss-canary').remove(); delete window.__xss; window.__cspViolations.length = 0;");
    assertThat(caught).as("assertInert catches markup injected on purpose").isNotNull();
    assertInert("Tasklist accept form, after the canary");
  }

  /** The task's tabs other than the form, each checked; a tab that is not there is not missed. */
  private void viewTaskTabs(String task, String comment, String description) {
    for (String tab : List.of("History", "Diagram", "Description")) {
      By link = By.xpath(TASK_PANE + "//ul[contains(@class,'nav-tabs')]/li/a[normalize-space()='" + tab + "']");
      if (driver.findElements(link).isEmpty()) {
        if ("Description".equals(tab) && description != null) {
          fail("Tasklist shows no Description tab for a task with a description");
        }
        continue;
      }
      browser.step(task + "-" + tab.toLowerCase(), () -> {
        browser.click(link);
        wait.until(ExpectedConditions.attributeContains(By.xpath(TASK_PANE + "//ul[contains(@class,'nav-tabs')]/li[a[normalize-space()='"
            + tab + "']]"), "class", "active"));
        By content = By.xpath(TASK_PANE + "//div[contains(@class,'tab-content')]");
        switch (tab) {
          case "History" -> {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".history-pane > .loader.ng-hide")));
            if (comment != null) {
              wait.until(d -> normalized(d.findElement(content).getText()).contains(normalized(comment)));
            }
          }
          case "Diagram" -> wait.until(ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("section.task-details .tab-content .djs-container svg g.djs-element[data-element-id]")));
          case "Description" -> {
            if (description != null) {
              wait.until(d -> normalized(d.findElement(content).getText()).contains(normalized(description)));
            }
          }
          default -> throw new IllegalStateException(tab);
        }
        assertInert("Tasklist " + task + " " + tab + " tab");
      });
    }
    browser.step(task + "-form-again", () -> {
      browser.click(By.xpath(TASK_PANE + "//ul[contains(@class,'nav-tabs')]/li/a[normalize-space()='Form']"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(TASK_PANE + "//form[contains(@class,'fjs-form')]")));
      assertInert("Tasklist " + task + " form, back from the tabs");
    });
  }

  /** Every tab of Cockpit's process instance view, each checked (they list tasks, jobs, incidents ...). */
  private void viewCockpitInstanceTabs() {
    List<String> names = browser.texts(By.xpath(INSTANCE_TABS + "/li/a"));
    assertThat(names).as("Cockpit instance tabs").contains("Variables", "User Tasks");
    for (String tab : names) {
      if ("Variables".equals(tab)) {
        continue;
      }
      browser.step("cockpit-tab-" + slug(tab), () -> {
        browser.click(instanceTab(tab));
        wait.until(ExpectedConditions.attributeContains(By.xpath(INSTANCE_TABS + "/li[a[normalize-space()='" + tab + "']]"),
            "class", "active"));
        assertInert("Cockpit instance " + tab + " tab");
      });
    }
  }

  /** Fetched as a browser would ask for it (HTML preferred): still JSON, and marked not to be sniffed. */
  private void assertTicketApiIsJson(String ticketId) throws IOException {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    for (String accept : List.of("application/json", headers.getFirst(HttpHeaders.ACCEPT))) {
      HttpHeaders asked = new HttpHeaders();
      asked.set(HttpHeaders.ACCEPT, accept);
      ResponseEntity<String> response = rest.withBasicAuth("desk", "desk").exchange("/api/tickets/{id}", HttpMethod.GET,
          new HttpEntity<>(asked), String.class, ticketId);
      assertThat(response.getStatusCode().value()).as("GET /api/tickets/{id} with Accept " + accept).isEqualTo(200);
      assertThat(response.getHeaders().getContentType()).as("Content-Type").isNotNull();
      assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
          .as("Content-Type " + response.getHeaders().getContentType() + " is JSON").isTrue();
      assertThat(response.getHeaders().get("X-Content-Type-Options")).as("X-Content-Type-Options").containsExactly("nosniff");
      JsonNode ticket = new ObjectMapper().readTree(response.getBody());
      assertThat(ticket.path("subject").asText()).isEqualTo(SUBJECT);
      assertThat(ticket.path("journal").toString()).as("journal holds the contact note").contains("__xss=12");
    }
    // A ticket id that is itself a payload: the refusal must neither come back as HTML that echoes it
    // nor as JSON a browser may sniff.
    String bogus = "<img src=x onerror=\"window.__xss=21\">";
    URI uri = UriComponentsBuilder.fromPath("/api/tickets/{id}").buildAndExpand(bogus).encode().toUri();
    ResponseEntity<String> notFound = rest.withBasicAuth("desk", "desk").exchange(uri, HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
    MediaType type = notFound.getHeaders().getContentType();
    String body = notFound.getBody() == null ? "" : notFound.getBody();
    System.out.println("StoredXssTest: GET " + uri + " answered " + notFound.getStatusCode() + " " + type
        + " X-Content-Type-Options=" + notFound.getHeaders().get("X-Content-Type-Options") + " body " + body);
    assertThat(notFound.getStatusCode().value()).as("GET of a payload ticket id").isEqualTo(404);
    assertThat(type).as("Content-Type of the refusal").isNotNull();
    assertThat(type.isCompatibleWith(MediaType.TEXT_HTML)).as("refusal rendered as HTML: " + body).isFalse();
    assertThat(notFound.getHeaders().get("X-Content-Type-Options")).as("X-Content-Type-Options on the refusal")
        .containsExactly("nosniff");
  }

  /** The ticket opened in the browser itself (credentials in the URL): a JSON document, nothing runs. */
  private void viewTicketApiInBrowser(String ticketId) {
    driver.get("http://desk:desk@localhost:" + port + "/api/tickets/" + ticketId);
    wait.until(d -> !bodyText().isBlank());
    String contentType = (String) browser.js("return document.contentType");
    assertThat(contentType).as("document type of /api/tickets/" + ticketId + " in the browser: " + bodyText())
        .isEqualTo("application/json");
    assertThat(bodyText()).contains("\"ticketId\"");
    assertInert("/api/tickets/" + ticketId + " in the browser");
  }

  // ---- Tasklist and Cockpit, as a user sees them -------------------------------------------------

  private void logInTasklist(String user) {
    browser.step("tasklist-login-" + user, () -> {
      browser.typeLogin(user);
      browser.waitForTasklist(user);
      assertInert("Tasklist after login");
    });
  }

  private void logInCockpit(String user) {
    browser.step("cockpit-login-" + user, () -> {
      browser.typeLogin(user);
      browser.waitForAccount(user);
      assertInert("Cockpit dashboard");
    });
  }

  private void logOutTasklist() {
    browser.step("tasklist-logout", browser::logOut);
  }

  private void logOutCockpit() {
    browser.step("cockpit-logout", browser::logOut);
  }

  private static By processLink() {
    return By.xpath("//a[contains(@href,'process-definition/')][contains(normalize-space(),'IT service request')]");
  }

  /** The tabs under the diagram of Cockpit's process instance view (Variables, Incidents, User Tasks ...). */
  static final String INSTANCE_TABS = "//div[contains(@cam-tabs,'processInstance.runtime.tab')]/ul[contains(@class,'nav-tabs')]";

  private static By instanceTab(String name) {
    return By.xpath(INSTANCE_TABS + "/li/a[normalize-space()='" + name + "']");
  }

  private static By instanceLink(String ticketId) {
    return By.xpath("//tr[td[normalize-space()='" + ticketId + "']]//a[contains(@href,'process-instance/')]");
  }

  /** Tasklist's filter, narrowed with the search ("Process Instance Business Key") to the ticket's tasks. */
  private void findTicketTasks(String ticketId, String... filters) {
    browser.step("filter-" + slug(filters[0]), () -> {
      String filter = browser.filterTicketTasks(ticketId, filters);
      assertInert("Tasklist filter " + filter);
    });
  }

  private String bodyText() {
    Object text = browser.js("return document.body ? document.body.innerText : ''");
    return text == null ? "" : (String) text;
  }

  /** Whitespace (line breaks in a table cell, nbsp) does not matter when comparing shown text. */
  private static String normalized(String text) {
    return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
  }
}
