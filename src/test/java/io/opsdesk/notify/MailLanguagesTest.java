package io.opsdesk.notify;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mails in each person's language: the setting (/api/me/language, an administrator's
 * /api/users/{id}/language) and what it does to the mails GreenMail receives over real SMTP.
 */
class MailLanguagesTest extends MailTest {

  private static final String CHINESE_SUBJECT = "打印机卡纸，无法打印";

  @Autowired MailLanguages languages;

  @Test
  void aRequesterWithALoginIsMailedInTheLanguageTheyChose() throws Exception {
    User chinese = person("lang-zh", "requesters", "zh-CN");
    User english = person("lang-en", "requesters", "en");
    try {
      MimeMessage toChinese = openedFor(chinese.getId());
      assertThat(recipients(toChinese)).containsExactly(chinese.getEmail());
      assertThat(toChinese.getSubject()).isEqualTo("[" + ticketIdOf(toChinese) + "] 您的服务请求已登记：" + CHINESE_SUBJECT);
      assertThat(toChinese.getHeader("Subject")[0]).as("RFC 2047 encoded").startsWithIgnoringCase("=?UTF-8?");
      assertThat(toChinese.getContentType()).containsIgnoringCase("charset=UTF-8");
      assertThat(text(toChinese)).startsWith("Li Wei，您好：").contains("受理渠道：电话", "类别：硬件",
          "您可以在 Tasklist 中查看处理进度：http").doesNotContain("Dear", "Category");

      MimeMessage toEnglish = openedFor(english.getId());
      assertThat(recipients(toEnglish)).containsExactly(english.getEmail());
      assertThat(toEnglish.getSubject())
          .isEqualTo("[" + ticketIdOf(toEnglish) + "] Your request has been registered: " + CHINESE_SUBJECT);
      assertThat(text(toEnglish)).startsWith("Dear Li Wei,").contains("Received by: Phone",
          "Category: Hardware", "You can follow it in Tasklist: http").doesNotContain("您好");
    } finally {
      forget(chinese.getId(), english.getId());
    }
  }

  /** Callers known by phone or mail only, and users whose stored choice is not (or no longer) offered. */
  @Test
  void everybodyElseGetsTheConfiguredDefault() throws Exception {
    User stale = person("lang-stale", "requesters", null);
    identity.setUserInfo(stale.getId(), MailLanguages.USER_INFO, "fr");
    String shipped = notify.getDefaultLanguage();
    try {
      assertThat(shipped).isEqualTo("zh-CN");
      assertThat(openedForCaller().getSubject()).contains("您的服务请求已登记");
      assertThat(openedFor(stale.getId()).getSubject()).contains("您的服务请求已登记");

      notify.setDefaultLanguage("en");
      assertThat(openedForCaller().getSubject()).contains("Your request has been registered");
      assertThat(openedFor(stale.getId()).getSubject()).contains("Your request has been registered");
    } finally {
      notify.setDefaultLanguage(shipped);
      forget(stale.getId());
    }
  }

  @Test
  void everybodyChoosesTheirOwnLanguage() {
    User user = person("lang-self", "requesters", null);
    try {
      TestRestTemplate self = as(user);
      ResponseEntity<Map> before = self.getForEntity("/api/me/language", Map.class);
      assertThat(before.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(before.getBody()).containsEntry("userId", user.getId()).containsEntry("language", "zh-CN")
          .containsEntry("chosen", false).containsEntry("supported", List.of("zh-CN", "en"));

      ResponseEntity<Map> chosen = put(self, "/api/me/language", "{\"language\": \"en\"}");
      assertThat(chosen.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(chosen.getBody()).containsEntry("language", "en").containsEntry("chosen", true);
      assertThat(identity.getUserInfo(user.getId(), MailLanguages.USER_INFO)).isEqualTo("en");
      assertThat(self.getForEntity("/api/me/language", Map.class).getBody()).containsEntry("language", "en");

      assertThat(put(self, "/api/me/language", "{\"language\": \"ZH-cn\"}").getBody()).containsEntry("language", "zh-CN");
      assertThat(languages.of(user.getId())).isEqualTo("zh-CN");
    } finally {
      forget(user.getId());
    }
  }

  @Test
  void aLanguageThatIsNotOfferedIsRefusedNamingTheField() {
    User user = person("lang-bad", "requesters", "en");
    try {
      TestRestTemplate self = as(user);
      for (String body : List.of("{\"language\": \"fr\"}", "{\"language\": \"\"}", "{\"language\": null}", "{}",
          "{\"language\": 1}", "{\"language\": [\"en\"]}", "{\"language\": {\"tag\": \"en\"}}", "{\"lang\": \"en\"}",
          "{\"language\": \"en-US\"}", "{\"language\": \"zh\"}", "{\"language\": \"en\\u0000\"}",
          "{\"language\": \"" + "x".repeat(5000) + "\"}")) {
        ResponseEntity<Map> refused = put(self, "/api/me/language", body);
        assertThat(refused.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((Map<String, Object>) refused.getBody().get("errors")).as(body)
            .hasEntrySatisfying("language", problem -> assertThat(problem.toString()).startsWith("must be one of zh-CN, en"));
      }
      ResponseEntity<Map> empty = self.exchange("/api/me/language", HttpMethod.PUT, new HttpEntity<>(null, json()), Map.class);
      assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat((Map<String, Object>) empty.getBody().get("errors")).containsKey("language");
      assertThat(put(self, "/api/me/language", "not json").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(identity.getUserInfo(user.getId(), MailLanguages.USER_INFO)).as("nothing written").isEqualTo("en");
    } finally {
      forget(user.getId());
    }
  }

  @Test
  void onlyAnAdministratorSetsAnotherUsersLanguage() {
    User user = person("lang-one", "requesters", null);
    User other = person("lang-other", "supervisors", "en");
    try {
      TestRestTemplate self = as(user);
      assertThat(put(self, "/api/users/" + other.getId() + "/language", "{\"language\": \"zh-CN\"}").getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(self.getForEntity("/api/users/" + other.getId() + "/language", Map.class).getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
      put(self, "/api/me/language", "{\"language\": \"zh-CN\", \"userId\": \"" + other.getId() + "\"}");
      assertThat(identity.getUserInfo(other.getId(), MailLanguages.USER_INFO)).isEqualTo("en");
      assertThat(identity.getUserInfo(user.getId(), MailLanguages.USER_INFO)).as("a body names no one else").isEqualTo("zh-CN");
      assertThat(put(rest, "/api/me/language", "{\"language\": \"en\"}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

      TestRestTemplate admin = rest.withBasicAuth("admin", "admin");
      ResponseEntity<Map> set = put(admin, "/api/users/" + other.getId() + "/language", "{\"language\": \"zh-CN\"}");
      assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(set.getBody()).containsEntry("userId", other.getId()).containsEntry("language", "zh-CN");
      assertThat(identity.getUserInfo(other.getId(), MailLanguages.USER_INFO)).isEqualTo("zh-CN");
      assertThat(put(admin, "/api/users/lang-nobody/language", "{\"language\": \"en\"}").getStatusCode())
          .isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(identity.getUserInfo("lang-nobody", MailLanguages.USER_INFO)).isNull();
      assertThat(put(admin, "/api/users/" + other.getId() + "/language", "{\"language\": \"de\"}").getStatusCode())
          .isEqualTo(HttpStatus.BAD_REQUEST);
    } finally {
      forget(user.getId(), other.getId());
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The "opened" mail of a request the service desk records for the Camunda user {@code requesterId}. */
  private MimeMessage openedFor(String requesterId) throws Exception {
    var request = phoneCall();
    request.put("requesterId", requesterId);
    request.put("subject", CHINESE_SUBJECT);
    return opened(request);
  }

  /** The "opened" mail of a caller known only by phone number and mail address. */
  private MimeMessage openedForCaller() throws Exception {
    var request = phoneCall();
    request.put("requesterEmail", uniqueAddress("caller"));
    return opened(request);
  }

  private MimeMessage opened(Map<String, Object> request) throws Exception {
    String ticketId = start("desk", request).getBusinessKey();
    sender.sendDue();
    return single(ticketId, "opened");
  }

  private static String ticketIdOf(MimeMessage message) throws Exception {
    return message.getHeader("X-OpsDesk-Ticket", null);
  }

  private TestRestTemplate as(User user) {
    return rest.withBasicAuth(user.getId(), passwordOf(user.getId()));
  }

  private static ResponseEntity<Map> put(TestRestTemplate client, String path, String body) {
    return client.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, json()), Map.class);
  }

  private static HttpHeaders json() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
