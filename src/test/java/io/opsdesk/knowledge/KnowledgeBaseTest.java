package io.opsdesk.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.JournalEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Manual 4.5: handlers publish what they solved; everybody finds it again, in Chinese or English. */
class KnowledgeBaseTest extends OpsDeskTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired KnowledgeBase knowledge;

  @Test
  void handlerPublishesAnArticleFromTheVerifyFormPrefilledFromTheRequest() {
    ProcessInstance instance = resolvedRequest("打印机无法打印 Printer offline", "三楼打印机显示脱机，无法打印。",
        "Spooler service stopped", "Restarted the print spooler service");
    String ticketId = instance.getBusinessKey();
    // Tasklist shows the article's fields filled from the request
    Map<String, Object> shown = engine.getFormService().getTaskFormVariables(openTask(instance, "verify").getId());
    assertThat(shown).containsEntry("articleTitle", "打印机无法打印 Printer offline")
        .containsEntry("articleSymptom", "三楼打印机显示脱机，无法打印。")
        .containsEntry("articleRootCause", "Spooler service stopped")
        .containsEntry("articleSolution", "Restarted the print spooler service")
        .containsEntry("articleCategory", "HARDWARE");

    // what Tasklist submits: the prefilled fields as they are, two of them edited
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "Prints again",
        "publishArticle", true, "articleTitle", "打印机脱机无法打印 Printer shows offline",
        "articleSymptom", "三楼打印机显示脱机，无法打印。", "articleRootCause", "Spooler service stopped",
        "articleSolution", "Restart the print spooler service, then print a test page", "articleCategory", "HARDWARE",
        "articleKeywords", "spooler 脱机", "articlePublic", true));

    Article article = knowledge.byTicket(ticketId).orElseThrow();
    assertThat(article.title()).isEqualTo("打印机脱机无法打印 Printer shows offline");
    assertThat(article.solution()).isEqualTo("Restart the print spooler service, then print a test page");
    assertThat(article.author()).isEqualTo("tech");
    assertThat(article.ticketId()).isEqualTo(ticketId);
    assertThat(article.visibleToRequesters()).isTrue();
    assertThat(journal.entries(ticketId)).anySatisfy(entry -> {
      assertThat(entry.kind()).isEqualTo("KNOWLEDGE_PUBLISHED");
      assertThat(entry.actor()).isEqualTo("tech");
      assertThat(entry.text()).contains("Knowledge article " + article.id(), "打印机脱机无法打印");
    });
    // the request keeps its own solution; the article's fields end with the verify task
    assertThat(instance).isWaitingAt("confirm");
    assertThat(engine.getFormService().getTaskFormVariables(openTask(instance, "confirm").getId()))
        .containsEntry("solution", "Restarted the print spooler service")
        .doesNotContainKeys("publishArticle", "articleTitle", "articleSolution", "articlePublic");
  }

  @Test
  void onlyAVerifiedResolutionIsPublished() {
    ProcessInstance instance = resolvedRequest("VPN 无法连接 VPN refuses login", "Login to the VPN fails since today.",
        "Expired certificate", "Renewed the certificate");

    ResponseEntity<String> refused = rest.withBasicAuth("tech", "tech").postForEntity(
        "/engine-rest/task/" + openTask(instance, "verify").getId() + "/complete", Map.of("variables", Map.of(
            "verified", Map.of("value", false, "type", "Boolean"),
            "verificationNote", Map.of("value", "Still fails", "type", "String"),
            "publishArticle", Map.of("value", true, "type", "Boolean"))), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("\"publishArticle\":\"only a verified resolution is published");
    assertThatThrownBy(() -> work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok",
        "publishArticle", true, "articleTitle", "  ")))
        .hasMessageContaining("articleTitle is required when publishArticle is true");
    assertThat(instance).isWaitingAt("verify");

    // without the box ticked, the prefilled article fields are neither published nor journaled
    work("tech", instance, "verify", vars("verified", false, "verificationNote", "Still fails"));
    assertThat(instance).isWaitingAt("diagnose");
    assertThat(knowledge.byTicket(instance.getBusinessKey())).isEmpty();
    assertThat(journal.entries(instance.getBusinessKey())).map(JournalEntry::text)
        .noneMatch(text -> text.contains("articleTitle"));
  }

  @Test
  void aSecondVerificationAfterAReopenUpdatesTheRequestsArticle() {
    ProcessInstance instance = resolvedRequest("共享盘空间不足 Share full", "The team share says the disk is full.",
        "Quota reached", "Raised the quota");
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok", "publishArticle", true,
        "articleKeywords", "quota 配额"));
    long id = knowledge.byTicket(instance.getBusinessKey()).orElseThrow().id();
    work("desk", instance, "confirm", vars("satisfied", false, "satisfactionScore", 2, "feedback", "Full again"));
    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "Old backups fill the share",
        "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "Moved old backups to the archive"));
    // the form now shows the published article, to be edited
    assertThat(taskService.getVariable(openTask(instance, "verify").getId(), "articleKeywords")).isEqualTo("quota 配额");

    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok", "publishArticle", true,
        "articleSolution", "Move old backups to the archive; raise the quota if needed"));

    Article article = knowledge.byTicket(instance.getBusinessKey()).orElseThrow();
    assertThat(article.id()).isEqualTo(id);
    assertThat(article.solution()).startsWith("Move old backups");
    assertThat(journalKinds(ticketOf(instance))).contains("KNOWLEDGE_PUBLISHED", "KNOWLEDGE_UPDATED");
  }

  @Test
  void searchFindsChineseAndEnglishArticlesBestMatchFirst() throws Exception {
    long mail = publish("邮件服务器无法发送邮件", "所有人都无法发送邮件，收件正常。", "SMTP 中继证书过期", "更新中继证书并重启邮件服务", true);
    long attachments = publish("邮件客户端无法打开附件", "打开附件时客户端崩溃。", "插件冲突", "禁用冲突的插件", true);
    long vpn = publish("VPN connection drops every hour", "Users lose the VPN tunnel after about an hour.",
        "Session timeout on the gateway", "Raised the gateway's session timeout", true);

    List<Long> chinese = ids(search("tech", "邮件发送失败"));
    assertThat(chinese).contains(mail, attachments).doesNotContain(vpn);
    assertThat(chinese.indexOf(mail)).isLessThan(chinese.indexOf(attachments));
    assertThat(chinese.get(0)).isEqualTo(mail);

    JsonNode english = search("tech", "vpn keeps dropping the connection");
    assertThat(ids(english).get(0)).isEqualTo(vpn);
    assertThat(ids(english)).doesNotContain(mail, attachments);
    JsonNode best = english.get(0);
    assertThat(best.path("title").asText()).isEqualTo("VPN connection drops every hour");
    assertThat(best.path("rootCause").asText()).isEqualTo("Session timeout on the gateway");
    assertThat(best.path("public").asBoolean()).isTrue();
    assertThat(best.path("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(best.hasNonNull("ticketId")).isTrue();
  }

  @Test
  void requestersSeePublicArticlesOnly() throws Exception {
    long open = publish("Kiosk badge reader public guide", "Badge reader at the kiosk blinks red.", "Dirty lens",
        "Clean the reader's lens", true);
    long internal = publish("Kiosk badge reader firmware internals", "Badge reader at the kiosk reboots.",
        "Firmware bug", "Flash firmware 2.1 with the vendor tool", false);

    assertThat(ids(search("alice", "kiosk badge reader"))).contains(open).doesNotContain(internal);
    assertThat(ids(search("tech", "kiosk badge reader"))).contains(open, internal);
    assertThat(get("alice", open).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("alice", internal).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("desk", internal).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(get("desk", internal).getBody()).path("public").asBoolean()).isFalse();
    assertThat(get("alice", 987654321L).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aMissingOrOverlongQueryIsRefused() throws Exception {
    ResponseEntity<String> missing = rest.withBasicAuth("tech", "tech").getForEntity("/api/knowledge", String.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(missing.getBody()).path("errors").path("q").asText()).isEqualTo("is required");
    for (String q : List.of("", "   ", "x".repeat(201), "!!! ? -")) {
      ResponseEntity<String> response = rest.withBasicAuth("tech", "tech")
          .getForEntity("/api/knowledge?q={q}", String.class, q);
      assertThat(response.getStatusCode()).as("q=%s", q).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(JSON.readTree(response.getBody()).path("errors").has("q")).as("q=%s", q).isTrue();
    }
  }

  @Test
  void diagnoseOfASimilarRequestShowsTheArticle() {
    long article = publish("财务系统报表导出超时", "月末导出财务报表时页面超时。", "报表查询缺少索引", "为报表查询添加索引", false);

    Map<String, Object> request = phoneCall();
    request.put("subject", "报表导出很慢，最后超时");
    request.put("description", "财务系统导出月度报表一直转圈，然后超时。");
    ProcessInstance instance = start("desk", request);
    work("tech", instance, "accept", vars("contactNote", "Called"));

    String shown = (String) taskService.getVariable(openTask(instance, "diagnose").getId(), "knowledgeSuggestions");
    assertThat(shown).startsWith("#" + article + " 财务系统报表导出超时").contains("为报表查询添加索引");
  }

  /** A request through accept, diagnose and resolve: waiting at verify. */
  private ProcessInstance resolvedRequest(String subject, String description, String rootCause, String solution) {
    Map<String, Object> request = phoneCall();
    request.put("subject", subject);
    request.put("description", description);
    ProcessInstance instance = start("desk", request);
    work("tech", instance, "accept", vars("contactNote", "Called the requester"));
    work("tech", instance, "diagnose", vars("diagnosis", "Looked at it", "rootCause", rootCause, "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", solution));
    return instance;
  }

  /** Publishes an article through the verify form; answers its id. */
  private long publish(String title, String symptom, String rootCause, String solution, boolean visibleToRequesters) {
    ProcessInstance instance = resolvedRequest(title, symptom, rootCause, solution);
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok", "publishArticle", true,
        "articlePublic", visibleToRequesters));
    return knowledge.byTicket(instance.getBusinessKey()).orElseThrow().id();
  }

  private JsonNode search(String user, String q) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity("/api/knowledge?q={q}", String.class, q);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }

  private ResponseEntity<String> get(String user, long id) {
    return rest.withBasicAuth(user, user).getForEntity("/api/knowledge/" + id, String.class);
  }

  private static List<Long> ids(JsonNode hits) {
    List<Long> ids = new ArrayList<>();
    hits.forEach(hit -> ids.add(hit.path("id").asLong()));
    return ids;
  }
}
