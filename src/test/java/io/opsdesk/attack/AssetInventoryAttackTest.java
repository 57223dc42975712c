package io.opsdesk.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.opsdesk.hardening.Http;
import io.opsdesk.inspection.asset.TestAssets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory decides where OpsDesk connects and with which configured credentials, so writing it is a
 * privilege: hostile bodies, smuggled secrets and callers without the right are refused, and nothing is
 * written, echoed or logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class AssetInventoryAttackTest extends AttackTest {

  private static final String SECRET = "Hunter2-bmc-secret";

  @Autowired private Environment environment;

  @BeforeEach
  void credentials() {
    TestAssets.configureCredentials(environment);
    removeTestAssets();
  }

  @AfterEach
  void removeTestAssets() {
    jdbc.update("DELETE FROM asset WHERE asset_id LIKE 'test-%'");
  }

  private static Map<String, Object> server() {
    Map<String, Object> server = TestAssets.server("test-attack-srv");
    server.put("redfishUrl", "https://192.0.2.21");
    return server;
  }

  private static String server(String field, Object value) {
    Map<String, Object> server = server();
    server.put(field, value);
    return json(server);
  }

  static List<String> hostileBodies() {
    String valid = json(server());
    String open = valid.substring(0, valid.length() - 1);
    return List.of(
        // A field given twice: a proxy or log may see the first, a lenient parser keeps the last.
        open + ",\"assetId\":\"test-attack-other\"}",
        open + ",\"__proto__\":{\"admin\":true}}",
        open + ",\"class\":\"java.lang.Runtime\"}",
        server("assetId", "test' OR '1'='1"),
        server("assetId", "test-a;DROP TABLE asset"),
        server("assetId", "../../etc/passwd"),
        server("assetId", "test-\u0000srv"),
        server("assetId", "test-srv\n"),
        server("assetId", Map.of("$ne", "")),
        server("type", List.of("SERVER")),
        server("type", "SERVER\u0000"),
        server("location", "x".repeat(900_000)),
        server("location", "Room\u0000101"),
        server("location", true),
        server("ownerGroup", "camunda-admin' --"),
        server("ownerGroup", "*"),
        server("redfishUrl", "javascript:alert(document.cookie)"),
        server("redfishUrl", "file:///etc/shadow"),
        server("redfishUrl", "jar:file:/tmp/x.jar!/"),
        server("redfishUrl", "gopher://10.0.0.1:25/_HELO"),
        server("redfishUrl", "https://root:" + SECRET + "@192.0.2.21"),
        server("redfishUrl", "https://192.0.2.21\r\nX-Injected: 1"),
        server("redfishUrl", "https://192.0.2.21/%0d%0a?x"),
        server("redfishUrl", List.of("https://192.0.2.21")),
        server("credentialRef", "../lab-bmc"),
        server("credentialRef", "lab-bmc.password"),
        server("credentialRef", "${OPSDESK_MAILBOX_PASSWORD}"),
        server("requiredParts", List.of(List.of("Fan 1"))),
        server("requiredParts", Map.of("0", "Fan 1")),
        server("requiredParts", List.of("<script>alert(1)</script>\u202E")),
        server("ports", Map.of("0", 22)),
        "{\"assetId\":\"test-attack-net\",\"type\":\"NETWORK\",\"location\":\"A\",\"ownerGroup\":\"network-support\","
            + "\"host\":\"10.0.0.1\",\"ports\":[1e400]}",
        "{\"assetId\":\"test-attack-net\",\"type\":\"NETWORK\",\"location\":\"A\",\"ownerGroup\":\"network-support\","
            + "\"host\":\"10.0.0.1\",\"ports\":[99999999999999999999999]}",
        "{\"assetId\":\"test-attack-net\",\"type\":\"NETWORK\",\"location\":\"A\",\"ownerGroup\":\"network-support\","
            + "\"host\":\"10.0.0.1\",\"ports\":[22],\"redfishUrl\":\"https://10.0.0.1\",\"credentialRef\":\"lab-bmc\"}",
        "[".repeat(5000) + "]".repeat(5000),
        "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
        valid + "{}",
        "");
  }

  @ParameterizedTest
  @MethodSource("hostileBodies")
  void hostileBodiesAreRefusedAndNothingIsWritten(String body) {
    Footprint before = footprint();
    int assets = count("asset");

    HttpResponse<String> response = admin().send("POST", "/api/assets", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(count("asset")).isEqualTo(assets);
    assertNothingWritten(before);
  }

  @Test
  void aSecretSentAlongIsRefusedAndNeverStoredEchoedOrLogged(CapturedOutput output) {
    int assets = count("asset");
    for (String field : List.of("password", "bmcPassword", "secret", "token")) {
      HttpResponse<String> response = admin().send("POST", "/api/assets", server(field, SECRET));
      assertRefused(response, 400, "\"" + field + "\"", "never accepted");
      assertThat(response.body()).doesNotContain(SECRET);
    }
    HttpResponse<String> inUrl = admin().send("POST", "/api/assets",
        server("redfishUrl", "https://root:" + SECRET + "@192.0.2.21"));
    assertRefused(inUrl, 400, "redfishUrl");
    assertThat(inUrl.body()).doesNotContain(SECRET);

    assertThat(count("asset")).isEqualTo(assets);
    assertThat(output.getAll()).doesNotContain(SECRET);
    // A proper registration stores the credentials' name only: nothing of the configured secret.
    assertThat(admin().send("POST", "/api/assets", json(server())).statusCode()).isEqualTo(201);
    assertThat(jdbc.queryForMap("SELECT * FROM asset WHERE asset_id = 'test-attack-srv'").values().toString())
        .contains(TestAssets.REF).doesNotContain("test-only-bmc-password", "inspector");
  }

  @Test
  void onlyAdministratorsAndSupervisorsChangeTheInventory() {
    assertThat(admin().send("POST", "/api/assets", json(server())).statusCode()).isEqualTo(201);
    Map<String, Object> hijacked = server();
    hijacked.put("redfishUrl", "https://attacker.example.net");
    Footprint before = footprint();

    for (String user : List.of("alice", "desk", "tech", "expert")) {
      Http caller = Http.basic(rest.getRootUri(), user, user);
      assertThat(caller.send("POST", "/api/assets", json(hijacked)).statusCode()).isEqualTo(403);
      assertThat(caller.send("DELETE", "/api/assets/test-attack-srv", null).statusCode()).isEqualTo(403);
    }
    Http anonymous = Http.anonymous(rest.getRootUri());
    assertThat(anonymous.send("POST", "/api/assets", json(hijacked)).statusCode()).isEqualTo(401);
    assertThat(anonymous.send("DELETE", "/api/assets/test-attack-srv", null).statusCode()).isEqualTo(401);
    // A Tasklist session, even an administrator's, is no way into /api: it takes HTTP Basic only.
    Http session = Http.session(rest.getRootUri(), "admin", "admin");
    assertThat(session.send("POST", "/api/assets", json(hijacked)).statusCode()).isEqualTo(401);
    assertThat(session.send("DELETE", "/api/assets/test-attack-srv", null).statusCode()).isEqualTo(401);

    assertThat(jdbc.queryForObject("SELECT redfish_url FROM asset WHERE asset_id = 'test-attack-srv'", String.class))
        .isEqualTo("https://192.0.2.21");
    assertNothingWritten(before);
  }

  /**
   * Whoever may write the inventory still cannot make the inspection send a BMC's password to a host
   * of their choosing: credentials go only to the hosts configured with them.
   */
  @Test
  void aServerRepointedAtAnotherHostDoesNotTakeItsCredentialsThere() {
    assertThat(admin().send("POST", "/api/assets", json(server())).statusCode()).isEqualTo(201);
    Map<String, Object> hijacked = server();
    hijacked.put("redfishUrl", "http://attacker.example.net/collect");
    Footprint before = footprint();

    for (String user : List.of("admin", "lead")) {
      HttpResponse<String> refused = Http.basic(rest.getRootUri(), user, user).send("POST", "/api/assets", json(hijacked));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("credentialRef", TestAssets.REF + ".hosts").doesNotContain("test-only-bmc-password");
    }
    assertThat(jdbc.queryForObject("SELECT redfish_url FROM asset WHERE asset_id = 'test-attack-srv'", String.class))
        .isEqualTo("https://192.0.2.21");
    assertNothingWritten(before);
  }

  @Test
  void aBodyOfAnotherKindIsNotTakenForJson() {
    int assets = count("asset");
    HttpResponse<String> form = postAsAdmin("assetId=test-attack-srv&type=SERVER", "application/x-www-form-urlencoded");
    HttpResponse<String> text = postAsAdmin(json(server()), "text/plain");
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(count("asset")).isEqualTo(assets);
  }

  @Test
  void hostileAssetIdsInThePathAreRefused() {
    for (String path : List.of("/api/assets/test'%20OR%20'1'='1", "/api/assets/%2e%2e", "/api/assets/test%00",
        "/api/assets/" + "a".repeat(5000))) {
      assertThat(admin().send("GET", path, null).statusCode()).as(path).isBetween(400, 499);
      assertThat(admin().send("DELETE", path, null).statusCode()).as(path).isBetween(400, 499);
    }
  }

  /** Http sends JSON only: a body of another content type, by hand. */
  private HttpResponse<String> postAsAdmin(String body, String contentType) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(rest.getRootUri() + "/api/assets"))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", contentType)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
        .build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Http admin() {
    return Http.basic(rest.getRootUri(), "admin", "admin");
  }
}
