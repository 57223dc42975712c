package io.opsdesk.inspection.asset;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.hardening.Http;
import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Assets;
import io.opsdesk.testsupport.OpsDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.opsdesk.inspection.asset.TestAssets.network;
import static io.opsdesk.inspection.asset.TestAssets.server;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** POST/GET/DELETE /api/assets: the inventory as administrators, supervisors and staff use it. */
class AssetApiTest extends OpsDeskTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private Assets inventory;
  @Autowired private AssetRepository repository;
  @Autowired private AssetRules rules;
  @Autowired private PlatformTransactionManager transactions;
  @Autowired private ResourceLoader resources;
  @Autowired private Environment environment;

  @BeforeEach
  void credentialsAndNoTestAssets() {
    TestAssets.configureCredentials(environment);
    removeTestAssets();
  }

  @AfterEach
  void removeTestAssets() {
    jdbc.update("DELETE FROM asset WHERE asset_id LIKE 'test-%'");
  }

  @Test
  void registerUpdateListAndRetire() {
    HttpResponse<String> created = post("admin", json(server("test-srv-01")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/assets/test-srv-01");
    Map<String, Object> stored = new LinkedHashMap<>(server("test-srv-01"));
    stored.put("redfishUrl", "https://192.0.2.21");
    assertThat(map(created.body())).isEqualTo(stored);

    // Idempotent: the same asset again changes nothing and adds nothing.
    HttpResponse<String> again = post("admin", json(server("test-srv-01")));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(map(again.body())).isEqualTo(stored);

    Map<String, Object> moved = server("test-srv-01");
    moved.put("location", "Building B, rack 1");
    moved.remove("requiredParts");
    assertThat(post("lead", json(moved)).statusCode()).isEqualTo(200);
    assertThat(post("lead", json(network("test-net-01"))).statusCode()).isEqualTo(201);

    List<Map<String, Object>> listed = list(get("desk", "/api/assets"));
    assertThat(listed).extracting(a -> a.get("assetId")).containsExactly("test-net-01", "test-srv-01");
    assertThat(listed.get(0)).isEqualTo(network("test-net-01"));
    assertThat(listed.get(1)).containsEntry("location", "Building B, rack 1").containsEntry("requiredParts", List.of())
        .doesNotContainKeys("host", "ports");
    assertThat(map(get("tech", "/api/assets/test-srv-01").body())).isEqualTo(listed.get(1));
    assertThat(jdbc.queryForObject("SELECT updated_by FROM asset WHERE asset_id = 'test-srv-01'", String.class))
        .isEqualTo("lead");

    // What the inspection reads.
    assertThat(inventory.find("test-net-01")).hasValue(new Asset("test-net-01", AssetType.NETWORK,
        "Building A, floor 2", "network-support", null, null, "core-sw1.example.net", List.of(22, 443), List.of()));
    assertThat(inventory.all()).extracting(Asset::assetId).containsExactly("test-net-01", "test-srv-01");

    assertThat(delete("lead", "test-srv-01").statusCode()).isEqualTo(204);
    assertThat(get("desk", "/api/assets/test-srv-01").statusCode()).isEqualTo(404);
    assertThat(delete("admin", "test-srv-01").statusCode()).isEqualTo(404);
    assertThat(inventory.all()).extracting(Asset::assetId).containsExactly("test-net-01");
  }

  @Test
  void whatGetAnswersCanBePostedBackUnchanged() {
    post("admin", json(server("test-srv.02@lab")));
    String body = get("admin", "/api/assets/test-srv.02@lab").body();
    HttpResponse<String> reposted = post("admin", body);
    assertThat(reposted.statusCode()).as(reposted.body()).isEqualTo(200);
    assertThat(reposted.body()).isEqualTo(body);
  }

  @Test
  void administratorsAndSupervisorsWriteStaffReadOthersAreRefused() {
    for (String writer : List.of("admin", "lead")) {
      assertThat(post(writer, json(network("test-net-" + writer))).statusCode()).as(writer).isEqualTo(201);
    }
    for (String staff : List.of("desk", "tech", "expert", "senior")) {
      assertThat(post(staff, json(network("test-net-" + staff))).statusCode()).as(staff).isEqualTo(403);
      assertThat(delete(staff, "test-net-admin").statusCode()).as(staff).isEqualTo(403);
      assertThat(get(staff, "/api/assets").statusCode()).as(staff).isEqualTo(200);
      assertThat(get(staff, "/api/assets/test-net-admin").statusCode()).as(staff).isEqualTo(200);
    }
    assertThat(post("alice", json(network("test-net-alice"))).statusCode()).isEqualTo(403);
    assertThat(delete("alice", "test-net-admin").statusCode()).isEqualTo(403);
    assertThat(get("alice", "/api/assets").statusCode()).isEqualTo(403);
    assertThat(get("alice", "/api/assets/test-net-admin").statusCode()).isEqualTo(403);

    Http anonymous = Http.anonymous(rest.getRootUri());
    assertThat(anonymous.send("GET", "/api/assets", null).statusCode()).isEqualTo(401);
    assertThat(anonymous.send("GET", "/api/assets/test-net-admin", null).statusCode()).isEqualTo(401);
    assertThat(anonymous.send("POST", "/api/assets", json(network("test-net-anon"))).statusCode()).isEqualTo(401);
    assertThat(anonymous.send("DELETE", "/api/assets/test-net-admin", null).statusCode()).isEqualTo(401);

    assertThat(inventory.all()).extracting(Asset::assetId).containsExactly("test-net-admin", "test-net-lead");
  }

  static Stream<Arguments> refusals() {
    String tooLong = "a".repeat(65);
    return Stream.of(
        arguments("assetId", server(null)),
        arguments("assetId", with(server("  "), a -> { })),
        arguments("assetId", server(tooLong)),
        arguments("assetId", server("srv 01")),
        arguments("assetId", server("srv/01")),
        arguments("assetId", server("<script>")),
        arguments("assetId", server("..")),
        arguments("assetId", server("-srv")),
        arguments("assetId", with(server("x"), a -> a.put("assetId", List.of("test-a")))),
        arguments("assetId", with(server("x"), a -> a.put("assetId", 42))),
        arguments("type", with(server("test-x"), a -> a.remove("type"))),
        arguments("type", with(server("test-x"), a -> a.put("type", "server"))),
        arguments("type", with(server("test-x"), a -> a.put("type", "ROUTER"))),
        arguments("location", with(server("test-x"), a -> a.remove("location"))),
        arguments("location", with(server("test-x"), a -> a.put("location", "x".repeat(201)))),
        arguments("location", with(server("test-x"), a -> a.put("location", "Room 1\r\nInjected: log line"))),
        arguments("location", with(server("test-x"), a -> a.put("location", "Room \u202Eevil"))),
        arguments("location", with(server("test-x"), a -> a.put("location", Map.of("room", 1)))),
        arguments("ownerGroup", with(server("test-x"), a -> a.remove("ownerGroup"))),
        arguments("ownerGroup", with(server("test-x"), a -> a.put("ownerGroup", "requesters"))),
        arguments("ownerGroup", with(server("test-x"), a -> a.put("ownerGroup", "no-such-group"))),
        arguments("ownerGroup", with(server("test-x"), a -> a.put("ownerGroup", "bad group!"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.remove("redfishUrl"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "javascript:alert(1)"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "file:///etc/passwd"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "ftp://bmc.example.net"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "bmc.example.net"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "//bmc.example.net"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://root:calvin@bmc.example.net"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bmc.example.net/?a=1"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bmc.example.net/#top"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bmc.example.net/redfish/v1/"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bad_host.example.net"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bmc.example.net:70000"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bmc.example.net/a/../b"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bmc.example.net/é"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://bmc example.net"))),
        arguments("redfishUrl", with(server("test-x"), a -> a.put("redfishUrl", "https://" + "a".repeat(2050)))),
        arguments("credentialRef", with(server("test-x"), a -> a.remove("credentialRef"))),
        arguments("credentialRef", with(server("test-x"), a -> a.put("credentialRef", "Lab_BMC"))),
        arguments("credentialRef", with(server("test-x"), a -> a.put("credentialRef", "not-configured"))),
        arguments("credentialRef", with(server("test-x"), a -> a.put("credentialRef", List.of("lab-bmc")))),
        arguments("password", with(server("test-x"), a -> a.put("password", "calvin"))),
        arguments("username", with(server("test-x"), a -> a.put("username", "root"))),
        arguments("colour", with(server("test-x"), a -> a.put("colour", "red"))),
        arguments("ports", with(server("test-x"), a -> a.put("ports", List.of(22)))),
        arguments("host", with(server("test-x"), a -> a.put("host", "bmc.example.net"))),
        arguments("requiredParts", with(server("test-x"), a -> a.put("requiredParts", "PSU 1"))),
        arguments("requiredParts", with(server("test-x"), a -> a.put("requiredParts", List.of("")))),
        arguments("requiredParts", with(server("test-x"), a -> a.put("requiredParts", List.of("p".repeat(101))))),
        arguments("requiredParts", with(server("test-x"), a -> a.put("requiredParts", List.of(1)))),
        arguments("requiredParts", with(server("test-x"), a -> a.put("requiredParts", List.of("Fan 1", "Fan 1")))),
        arguments("requiredParts", with(server("test-x"), a -> a.put("requiredParts", List.of("Fan\u00001")))),
        arguments("requiredParts", with(server("test-x"), a -> a.put("requiredParts",
            IntStream.range(0, 51).mapToObj(i -> "Fan " + i).toList()))),
        arguments("host", with(network("test-x"), a -> a.remove("host"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "bad_host"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "999.1.1.1"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "10.0.0"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "-sw.example.net"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "sw..example.net"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "fe80::zz"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "fe80::1%eth0"))),
        arguments("host", with(network("test-x"), a -> a.put("host", "http://sw.example.net"))),
        arguments("host", with(network("test-x"), a -> a.put("host", List.of("sw.example.net")))),
        arguments("ports", with(network("test-x"), a -> a.remove("ports"))),
        arguments("ports", with(network("test-x"), a -> a.put("ports", List.of()))),
        arguments("ports", with(network("test-x"), a -> a.put("ports", List.of(0)))),
        arguments("ports", with(network("test-x"), a -> a.put("ports", List.of(65536)))),
        arguments("ports", with(network("test-x"), a -> a.put("ports", List.of("22")))),
        arguments("ports", with(network("test-x"), a -> a.put("ports", List.of(22.5)))),
        arguments("ports", with(network("test-x"), a -> a.put("ports", List.of(22, 22)))),
        arguments("ports", with(network("test-x"), a -> a.put("ports", 22))),
        arguments("ports", with(network("test-x"), a -> a.put("ports",
            IntStream.rangeClosed(1, 65).boxed().toList()))),
        arguments("redfishUrl", with(network("test-x"), a -> a.put("redfishUrl", "https://sw.example.net"))),
        arguments("credentialRef", with(network("test-x"), a -> a.put("credentialRef", "lab-bmc"))),
        arguments("requiredParts", with(network("test-x"), a -> a.put("requiredParts", List.of("Fan 1")))));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refusals")
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten(String field, Map<String, Object> asset) {
    int before = count("asset");
    HttpResponse<String> response = post("admin", json(asset));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(errors(response)).containsKey(field);
    assertThat(count("asset")).isEqualTo(before);
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    Map<String, Object> asset = network("bad id");
    asset.put("type", "NETWORK");
    asset.put("location", "");
    asset.put("ports", List.of(0));
    asset.put("password", "secret-value-1");
    HttpResponse<String> response = post("admin", json(asset));
    assertThat(errors(response)).containsOnlyKeys("assetId", "location", "ports", "password");
    assertThat(response.body()).doesNotContain("secret-value-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"test-x\"", "null", "42", "{", "{\"assetId\": \"test-a\", \"assetId\": \"test-b\"}",
      "{\"assetId\": \"test-a\"} {\"assetId\": \"test-b\"}"})
  void aBodyThatIsNotOneJsonObjectIsRefused(String body) {
    HttpResponse<String> response = post("admin", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(errors(response)).containsKey("body");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "fe80::1", "::ffff:10.0.0.1", "core-sw1", "sw1.example.net"})
  void hostsAreDnsNamesOrAddresses(String host) {
    Map<String, Object> asset = network("test-host");
    asset.put("host", host);
    HttpResponse<String> response = post("admin", json(asset));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://[fe80::1]:8443/", "http://127.0.0.1:9000/bmc-proxy/", "HTTPS://BMC-01.example.net"})
  void redfishUrlsAreAbsoluteHttpBaseUrls(String url) {
    Map<String, Object> asset = server("test-url");
    asset.put("redfishUrl", url);
    HttpResponse<String> response = post("admin", json(asset));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    assertThat(inventory.find("test-url")).get().extracting(Asset::redfishUrl).isEqualTo(url.replaceAll("/+$", ""));
  }

  @Test
  void theOpenApiDescriptionShowsTheInventory() {
    String docs = get("desk", "/api/openapi").body();
    assertThat(docs).contains("\"/api/assets\"", "\"/api/assets/{assetId}\"", "credentialRef", "requiredParts");
  }

  @Test
  void assetIdsInThePathAreValidated() {
    HttpResponse<String> response = get("desk", "/api/assets/" + "a".repeat(65));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errors(response)).containsKey("assetId");
    assertThat(get("desk", "/api/assets/test-unknown").statusCode()).isEqualTo(404);
    assertThat(delete("admin", "-x").statusCode()).isEqualTo(400);
  }

  @Test
  void theInventoryFileSavesEveryEntryOrNothing() {
    new InventoryFile(rules, repository, transactions, resources, "classpath:inventory/valid.yaml").run(null);
    assertThat(inventory.find("test-file-srv-01")).get().extracting(Asset::requiredParts)
        .isEqualTo(List.of("PSU 1", "PSU 2"));
    assertThat(inventory.find("test-file-sw-01")).get().extracting(Asset::ports).isEqualTo(List.of(22, 443));
    assertThat(jdbc.queryForList("SELECT DISTINCT updated_by FROM asset WHERE asset_id LIKE 'test-file-%'",
        String.class)).containsExactly(InventoryFile.ACTOR);
    // Loaded again at the next start: the same assets, updated in place.
    new InventoryFile(rules, repository, transactions, resources, "classpath:inventory/valid.yaml").run(null);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM asset WHERE asset_id LIKE 'test-file-%'", Integer.class))
        .isEqualTo(2);

    InventoryFile invalid = new InventoryFile(rules, repository, transactions, resources,
        "classpath:inventory/invalid.yaml");
    assertThatThrownBy(() -> invalid.run(null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("entry 2 (test-file-srv-02)");
    assertThat(inventory.find("test-file-ok-01")).isEmpty();
  }

  private static Map<String, Object> with(Map<String, Object> asset, Consumer<Map<String, Object>> change) {
    change.accept(asset);
    return asset;
  }

  private HttpResponse<String> post(String user, String body) {
    return Http.basic(rest.getRootUri(), user, user).send("POST", "/api/assets", body);
  }

  private HttpResponse<String> get(String user, String path) {
    return Http.basic(rest.getRootUri(), user, user).send("GET", path, null);
  }

  private HttpResponse<String> delete(String user, String assetId) {
    return Http.basic(rest.getRootUri(), user, user).send("DELETE", "/api/assets/" + assetId, null);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Map<String, Object> map(String body) {
    try {
      return JSON.readValue(body, new TypeReference<>() { });
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }

  private static List<Map<String, Object>> list(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return JSON.readValue(response.body(), new TypeReference<>() { });
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> errors(HttpResponse<String> response) {
    Object errors = map(response.body()).get("errors");
    return errors == null ? Collections.emptyMap() : (Map<String, Object>) errors;
  }
}
