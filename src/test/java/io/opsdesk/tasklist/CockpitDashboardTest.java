package io.opsdesk.tasklist;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsdesk.hardening.Http;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor's Cockpit: the dashboard shows the same figures as GET /api/reports/service for the last
 * 30 days (asked here with Basic auth), its four charts, and a request breached in the test among the
 * requests at risk, whose link opens its process instance; the service-request diagram shows where time
 * goes. Whom /api refuses (a desk user granted Cockpit for the test) sees a note and no figures, and the
 * endpoints answer 403 to the service desk's and a technician's sessions. Screenshots:
 * {@code target/screenshots/cockpit-dashboard-*}.
 */
@Tag("single-run")
class CockpitDashboardTest extends OpsDeskTest {

  private static final String SHOTS = "cockpit-dashboard-";

  @LocalServerPort int port;
  @Autowired AuthorizationService authorizations;

  @Test
  void aSupervisorSeesTheServiceDeskFiguresAndWhatIsAtRisk() throws Exception {
    ProcessInstance handled = handledRequest();
    ProcessInstance breached = breachedRequest();
    LocalDate today = LocalDate.now();
    String period = "from=" + today.minusDays(29) + "&to=" + today;
    @SuppressWarnings("unchecked")
    Map<String, Object> report = rest.withBasicAuth("lead", "lead").getForObject("/api/reports/service?" + period, Map.class);
    assertThat(report).as("report of the last 30 days").containsKey("opened");
    assertThat(((Number) report.get("opened")).intValue()).isGreaterThanOrEqualTo(2);

    try (TasklistBrowser browser = TasklistBrowser.open(port, SHOTS)) {
      WebDriver driver = browser.driver();
      browser.openApp("cockpit");
      browser.step("lead-dashboard", () -> {
        browser.typeLogin("lead");
        browser.waitForAccount("lead");
        browser.waiting().until(d -> !d.findElements(By.cssSelector(".opsdesk-dashboard[data-period]")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".opsdesk-dashboard")).getAttribute("data-period"))
            .isEqualTo(today.minusDays(29) + "/" + today);
        browser.js("arguments[0].scrollIntoView()", driver.findElement(By.cssSelector(".opsdesk-dashboard")));
      });
      browser.step("lead-figures", () -> {
        assertThat(figure(driver, "opened")).isEqualTo(String.valueOf(report.get("opened")));
        assertThat(figure(driver, "closed")).isEqualTo(String.valueOf(report.get("closed")));
        assertThat(figure(driver, "backlog")).isEqualTo(String.valueOf(report.get("backlog")));
        assertThat(figure(driver, "resolutionRate")).isEqualTo(percent(report.get("resolutionRate")));
        assertThat(figure(driver, "resolutionSlaCompliance")).isEqualTo(percent(report.get("resolutionSlaCompliance")));
        // The chart of requests per day adds up to the requests opened in the period.
        Object perDay = browser.js("return Chart.getChart(document.querySelector(\"[data-chart='per-day'] canvas\"))"
            + ".data.datasets[0].data.reduce((a, b) => a + b, 0)");
        assertThat(((Number) perDay).intValue()).isEqualTo(((Number) report.get("opened")).intValue());
        assertThat(driver.findElements(By.cssSelector(".opsdesk-chart canvas"))).hasSizeGreaterThanOrEqualTo(3);
      });
      By row = By.cssSelector("tr[data-ticket='" + breached.getBusinessKey() + "']");
      browser.step("lead-at-risk", () -> {
        WebElement risk = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(row));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", risk);
        assertThat(risk.getText()).contains(breached.getBusinessKey(), "已超时 Breached", "URGENT");
        assertThat(risk.getAttribute("class")).contains("opsdesk-breached");
        assertThat(driver.findElements(By.cssSelector("tr[data-ticket='" + handled.getBusinessKey() + "']"))).isEmpty();
      });
      browser.step("lead-at-risk-instance", () -> {
        browser.click(By.cssSelector("tr[data-ticket='" + breached.getBusinessKey() + "'] a"));
        browser.waiting().until(ExpectedConditions.urlContains("/process-instance/" + breached.getId() + "/runtime"));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("dd.business-key"),
            breached.getBusinessKey()));
      });
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> phases = (Map<String, Map<String, Object>>) report.get("phases");
      browser.step("lead-where-time-goes", () -> {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("service-request")
            .latestVersion().singleResult().getId();
        driver.get(browser.url("/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime"));
        By accept = By.cssSelector(".opsdesk-time[data-phase='accept']");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(accept));
        assertThat(driver.findElement(accept).getText()).contains(phases.get("accept").get("count") + " 次 times");
      });
      browser.step("lead-chinese", () -> {
        browser.speak("zh-CN");
        // A whole new load in the new language (a refresh right after a navigation could interrupt
        // Cockpit's loading of its modules and leave it at its spinner).
        driver.get("about:blank");
        driver.get(browser.url("/camunda/app/cockpit/default/#/dashboard"));
        browser.waiting().until(d -> !d.findElements(By.cssSelector(".opsdesk-dashboard[data-period]")).isEmpty());
        browser.js("arguments[0].scrollIntoView()", driver.findElement(By.cssSelector(".opsdesk-dashboard")));
        assertThat(figure(driver, "opened")).isEqualTo(String.valueOf(report.get("opened")));
      });
      browser.speak(TasklistBrowser.ENGLISH);
      browser.step("lead-logout", browser::logOut);

      // Somebody outside supervisors and administrators with Cockpit access: a note, no figures.
      Authorization cockpit = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      cockpit.setUserId("desk");
      cockpit.setResource(Resources.APPLICATION);
      cockpit.setResourceId("cockpit");
      cockpit.addPermission(Permissions.ACCESS);
      authorizations.saveAuthorization(cockpit);
      try {
        browser.step("desk-dashboard", () -> {
          browser.typeLogin("desk");
          browser.waitForAccount("desk");
          browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".opsdesk-dashboard"),
              "The service desk report is for supervisors and administrators"));
          browser.js("arguments[0].scrollIntoView()", driver.findElement(By.cssSelector(".opsdesk-dashboard")));
          assertThat(driver.findElements(By.cssSelector("[data-figure], .opsdesk-chart, .opsdesk-at-risk"))).isEmpty();
        });
      } finally {
        authorizations.deleteAuthorization(cockpit.getId());
      }
    }

    for (String user : List.of("desk", "tech", "alice")) {
      Http session = Http.session(rest.getRootUri(), user, user, "tasklist");
      assertThat(session.send("GET", "/api/reports/at-risk", null).statusCode()).as(user).isEqualTo(403);
    }
    for (String user : List.of("tech", "alice")) {
      assertThat(Http.session(rest.getRootUri(), user, user, "tasklist").send("GET", "/api/reports/service?" + period, null)
          .statusCode()).as(user).isEqualTo(403);
    }
  }

  private static String figure(WebDriver driver, String key) {
    return driver.findElement(By.cssSelector("[data-figure='" + key + "']")).getText();
  }

  /** As the dashboard writes a rate: "92.5 %", "—" where nothing was measured. */
  private static String percent(Object fraction) {
    return fraction == null ? "—" : String.format(Locale.ROOT, "%.1f %%", ((Number) fraction).doubleValue() * 100);
  }

  /** A request handled and confirmed today, the technician accepting it at once. */
  private ProcessInstance handledRequest() {
    ProcessInstance instance = start("desk", phoneCall());
    handleUntilConfirmation(instance);
    return instance;
  }

  /** An URGENT request opened three hours ago and never accepted: both its clocks have run out. */
  private ProcessInstance breachedRequest() {
    clockAt(Instant.now().minus(Duration.ofHours(3)));
    Map<String, Object> request = phoneCall();
    request.put("impact", "HIGH");
    request.put("urgency", "HIGH");
    request.put("subject", "Core switch down in building B");
    ProcessInstance instance = start("desk", request);
    ClockUtil.reset();
    runJobs();
    assertThat(ticketOf(instance).priority()).isEqualTo("URGENT");
    assertThat(ticketOf(instance).responseBreached()).isTrue();
    return instance;
  }
}
