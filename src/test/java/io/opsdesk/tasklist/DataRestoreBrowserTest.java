package io.opsdesk.tasklist;

import java.io.IOException;
import java.util.List;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.opsdesk.tasklist.TasklistBrowser.START_DIALOG;
import static io.opsdesk.tasklist.TasklistBrowser.TASK_PANE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restore as its people do it in Tasklist, in a Chinese browser: after a backup, the technician
 * (data-support) asks on the start form to restore OpsDesk's own database, picks the backup from the
 * choose form's list of verified backups (filled from the process, as Tasklist reads a JSON variable)
 * with mode NEW, the supervisor approves it in the group's list, and after the restore the technician
 * confirms it. Screenshots: {@code target/screenshots/data-restore-*}.
 */
@Tag("single-run")
class DataRestoreBrowserTest extends OpsDeskTest {

  @LocalServerPort int port;

  private TasklistBrowser browser;
  private WebDriver driver;
  private WebDriverWait wait;

  @Test
  void aTechnicianAsksASupervisorApprovesAndTheTechnicianConfirmsTheRestoredCopy() throws IOException {
    ProcessInstance backup = as("lead", () -> runtime.startProcessInstanceByKey("data-backup"));
    runJobs();
    String backupRunId = history.createHistoricProcessInstanceQuery().processInstanceId(backup.getId()).singleResult()
        .getBusinessKey();

    try (TasklistBrowser opened = TasklistBrowser.open(port, "data-restore-", "zh-CN")) {
      browser = opened;
      driver = opened.driver();
      wait = opened.waiting();
      String restoreId = ask();
      choose(restoreId, backupRunId);
      approve(restoreId);
      runJobs();
      confirm(restoreId);
    }

    HistoricProcessInstance restore = history.createHistoricProcessInstanceQuery().processDefinitionKey("data-restore")
        .orderByProcessInstanceStartTime().desc().listPage(0, 1).get(0);
    assertThat(restore.getEndActivityId()).isEqualTo("restore-finished");
    String journal = rest.withBasicAuth("lead", "lead").getForObject("/api/restores", String.class);
    assertThat(journal).contains(restore.getBusinessKey()).contains("\"APPROVED\"").contains("\"VERIFIED\"")
        .contains("\"HANDED_OVER\"").contains("\"CONFIRMED\"");
  }

  /** The technician starts the request on its start form; answers its restore id. */
  private String ask() {
    login("tech");
    browser.step("tech-start-form", () -> {
      browser.click(By.cssSelector(".start-process-action"));
      browser.click(By.xpath("//ul[contains(@class,'processes')]//a[contains(normalize-space(),'Data restore')]"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
      browser.type(START_DIALOG, "恢复对象 Target", "opsdesk");
      browser.type(START_DIALOG, "恢复原因 Reason", "昨天误删了工单 Tickets deleted by mistake yesterday");
    });
    browser.step("tech-started", () -> {
      wait.until(ExpectedConditions.elementToBeClickable(browser.startButton())).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(START_DIALOG + "//form[contains(@class,'fjs-form')]")));
    });
    ProcessInstance restore = runtime.createProcessInstanceQuery().processDefinitionKey("data-restore").singleResult();
    assertThat(runtime.getVariable(restore.getId(), "requester")).isEqualTo("tech");
    return restore.getBusinessKey();
  }

  /** The list of the choose form offers the backup just made; the technician takes it, mode NEW. */
  private void choose(String restoreId, String backupRunId) {
    browser.step("tech-finds-" + restoreId, () -> {
      browser.filterTicketTasks(restoreId, TasklistBrowser.MY_TASKS);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.tasks-list"), "恢复 Restore opsdesk"));
    });
    browser.openTaskInList("Choose backup");
    browser.step("tech-choose-backup", () -> {
      browser.click(By.cssSelector(TASK_CSS + " .fjs-form-field-select .fjs-input-group"));
      List<WebElement> offered = wait.until(d -> {
        List<WebElement> items = d.findElements(By.cssSelector(TASK_CSS + " .fjs-dropdownlist-item"));
        return items.isEmpty() ? null : items;
      });
      assertThat(offered.get(0).getText()).startsWith(backupRunId + " · ");
      offered.get(0).click();
      browser.click(option("新副本 NEW: a copy beside the live one"));
    });
    browser.completeTask("Choose backup");
    browser.step("tech-logout", browser::logOut);
  }

  /** The supervisor finds the approval in the group's list and approves it with a reason. */
  private void approve(String restoreId) {
    login("lead");
    browser.step("lead-finds-" + restoreId, () -> browser.filterTicketTasks(restoreId, TasklistBrowser.GROUP_TASKS));
    browser.openTaskInList("Approve restore");
    browser.claim();
    browser.step("lead-approves", () -> {
      assertThat(browser.field(TASK_PANE, "申请人 Requester").getDomProperty("value")).isEqualTo("tech");
      browser.click(option("批准 Approve"));
      browser.type(TASK_PANE, "理由 Reason for the decision", "已与数据负责人核实 Checked with the data owner");
    });
    browser.completeTask("Approve restore");
    browser.step("lead-logout", browser::logOut);
  }

  /** After the restore, the technician reads where the copy is and confirms it. */
  private void confirm(String restoreId) {
    login("tech");
    browser.step("tech-finds-confirmation", () -> browser.filterTicketTasks(restoreId, TasklistBrowser.MY_TASKS));
    browser.openTaskInList("Confirm restore");
    browser.step("tech-confirms", () -> {
      WebElement copyLabel = driver.findElement(By.xpath(TASK_PANE + "//label[starts-with(normalize-space(),'恢复的副本 Restored copy')]"));
      assertThat(driver.findElement(By.id(copyLabel.getAttribute("for"))).getDomProperty("value"))
          .as("where the copy is").contains("test-restores").contains(restoreId);
      assertThat(browser.texts(By.cssSelector(TASK_CSS + " label.fjs-form-field-label")))
          .as("no 'kept as' after a restore beside the live database").noneMatch(label -> label.contains("kept as"));
      browser.click(option("正确 Yes, confirmed"));
    });
    browser.completeTask("Confirm restore");
  }

  private static final String TASK_CSS = "section.task-details";

  /** A radio option of the task's form, by its whole label (the group's label only contains it). */
  private static By option(String label) {
    return By.xpath(TASK_PANE + "//label[normalize-space()='" + label + "']");
  }

  private void login(String user) {
    browser.openApp("tasklist");
    browser.step(user + "-login", () -> {
      browser.typeLogin(user);
      browser.waitForTasklist(user);
    });
  }
}
