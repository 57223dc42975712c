package io.opsdesk.hardening;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tries to get JUEL expressions evaluated through task queries and filters, over the engine REST API
 * (HTTP Basic, plain and named-engine paths) and the webapps' internal engine API (session + XSRF
 * token), as {@code admin}, who may call everything. Each attempt must answer 400 and the
 * {@code canary} bean must never be called; queries without expressions, or with the few
 * expressions Tasklist's filters use, must still work.
 */
class QueryExpressionGuardTest extends OpsDeskTest {

  static final String CANARY = "${canary.touch()}";
  static final String OR_CANARY = "{\"orQueries\":[{\"assigneeExpression\":\"" + CANARY + "\"}]}";

  /** The three ways into the engine's REST resources. */
  enum Channel {
    ENGINE_REST("/engine-rest"),
    ENGINE_REST_NAMED("/engine-rest/engine/default"),
    WEBAPP("/camunda/api/engine/engine/default");

    final String prefix;

    Channel(String prefix) {
      this.prefix = prefix;
    }
  }

  @Autowired ExpressionCanary canary;
  @Autowired FilterService filterService;

  String filterId;

  @BeforeEach
  void freshCanaryAndFilter() {
    canary.reset();
    Filter filter = filterService.newTaskFilter("hardening-probe").setQuery(taskService.createTaskQuery());
    filterId = filterService.saveFilter(filter).getId();
  }

  @AfterEach
  void removeFilters() {
    filterService.createFilterQuery().filterNameLike("hardening-%").list()
        .forEach(filter -> filterService.deleteFilter(filter.getId()));
  }

  /** The hole itself: without the guard, 7.24.0 evaluates an expression inside orQueries. */
  @Test
  void theEngineAloneWouldEvaluateAnOrQueryExpression() {
    taskService.createTaskQuery().or().taskAssigneeExpression(CANARY).endOr().count();
    assertThat(canary.calls()).as("the engine evaluated the orQueries expression").isPositive();
  }

  static Stream<Arguments> attacks() {
    String oneOr = "{\"orQueries\":[{\"%s\":\"%s\"}]}";
    return Stream.of(
        Arguments.of("POST", "/task", OR_CANARY),
        Arguments.of("POST", "/task/count", OR_CANARY),
        Arguments.of("POST", "/task", oneOr.formatted("dueAfterExpression", CANARY)),
        Arguments.of("POST", "/task", oneOr.formatted("candidateGroupExpression", "#{canary.touch()}")),
        Arguments.of("POST", "/task", "{\"assigneeExpression\":\"" + CANARY + "\"}"),
        Arguments.of("POST", "/task", oneOr.formatted("assigneeExpression", "\\u0024{canary.touch()}")),
        Arguments.of("POST", "/task", oneOr.formatted("assigneeExpression", "\\u0024\\u007bcanary.touch()\\u007d")),
        Arguments.of("POST", "/task", oneOr.formatted("assigneeExpression", "${currentUser()}" + CANARY)),
        Arguments.of("POST", "/task", oneOr.formatted("assigneeExpression", "${currentUser() == canary.touch()}")),
        Arguments.of("POST", "/task",
            oneOr.formatted("dueAfterExpression", "${dateTime().plusDays(canary.touch().length()).toDate()}")),
        Arguments.of("POST", "/task", "{\"orQueries\":[{\"assignee\":\"x\"},{\"ownerExpression\":\"" + CANARY + "\"}],"
            + "\"orQueries\":[]}"),
        Arguments.of("POST", "/filter/{id}/list", OR_CANARY),
        Arguments.of("POST", "/filter/{id}/count", OR_CANARY),
        Arguments.of("POST", "/filter/{id}/singleResult", OR_CANARY),
        Arguments.of("POST", "/filter/{id}/list", "{\"assigneeExpression\":\"" + CANARY + "\"}"),
        Arguments.of("POST", "/filter/create",
            "{\"resourceType\":\"Task\",\"name\":\"hardening-evil\",\"query\":{\"assigneeExpression\":\"" + CANARY + "\"}}"),
        Arguments.of("POST", "/filter/create",
            "{\"resourceType\":\"Task\",\"name\":\"hardening-evil\",\"query\":" + OR_CANARY + "}"),
        Arguments.of("PUT", "/filter/{id}",
            "{\"resourceType\":\"Task\",\"name\":\"hardening-renamed\",\"query\":" + OR_CANARY + "}"),
        Arguments.of("GET", "/task?assigneeExpression=" + encode(CANARY), null),
        Arguments.of("GET", "/task/count?dueAfterExpression=" + encode(CANARY), null),
        Arguments.of("GET", "/task?assigneeExpression=" + encode(encode(CANARY)), null),
        Arguments.of("GET", "/filter/{id}/list?assigneeExpression=" + encode(CANARY), null),
        Arguments.of("GET", "/filter/{id}/count?x=" + encode("#{canary.touch()}"), null));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("attacks")
  void refusedOverTheEngineRestApi(String method, String path, String body) {
    assertRefused(Channel.ENGINE_REST, method, path, body);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("attacks")
  void refusedOverTheNamedEnginePath(String method, String path, String body) {
    assertRefused(Channel.ENGINE_REST_NAMED, method, path, body);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("attacks")
  void refusedOverTheWebappsEngineApi(String method, String path, String body) {
    assertRefused(Channel.WEBAPP, method, path, body);
  }

  /** Paths that Jersey still routes to the task query, spelled to slip past a naive matcher. */
  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/task/", "/engine-rest/%74ask", "/engine-rest/task/count/",
      "/camunda/api/engine/engine/default/task/", "/camunda/api/engine/engine/%64efault/task"})
  void refusedWhateverThePathLooksLike(String path) {
    HttpResponse<String> response = caller(path.startsWith("/camunda") ? Channel.WEBAPP : Channel.ENGINE_REST)
        .send("POST", path, OR_CANARY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(canary.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void anOrdinaryTaskQueryStillWorks(Channel channel) {
    Http http = caller(channel);
    assertOk(http.send("POST", channel.prefix + "/task", "{\"orQueries\":[{\"assignee\":\"admin\",\"candidateGroup\":\"service-desk\"}]}"));
    assertOk(http.send("POST", channel.prefix + "/task/count", "{}"));
    assertOk(http.send("GET", channel.prefix + "/task?assignee=admin", null));
    assertOk(http.send("POST", channel.prefix + "/filter/" + filterId + "/list", "{}"));
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void tasklistsOwnExpressionsStillWork(Channel channel) {
    Http http = caller(channel);
    assertOk(http.send("POST", channel.prefix + "/task",
        "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}"));
    HttpResponse<String> created = http.send("POST", channel.prefix + "/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"hardening-mine\",\"query\":{"
            + "\"assigneeExpression\":\"${ currentUser() }\","
            + "\"candidateGroupsExpression\":\"${currentUserGroups()}\","
            + "\"followUpBeforeOrNotExistentExpression\":\"${now()}\","
            + "\"dueBeforeExpression\":\"${dateTime().plusDays(2).withTimeAtStartOfDay().toDate()}\"}}");
    assertOk(created);
    String mine = filterService.createFilterQuery().filterName("hardening-mine").singleResult().getId();
    assertOk(http.send("POST", channel.prefix + "/filter/" + mine + "/list", "{}"));
    assertOk(http.send("POST", channel.prefix + "/filter/" + mine + "/count", "{}"));
    assertThat(canary.calls()).isZero();
  }

  private void assertRefused(Channel channel, String method, String path, String body) {
    HttpResponse<String> response = caller(channel).send(method, channel.prefix + path.replace("{id}", filterId), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("\"type\":\"InvalidRequestException\"")
        .contains("Expressions are not allowed in queries");
    assertThat(canary.calls()).as("canary calls").isZero();
    assertThat(filterService.createFilterQuery().filterName("hardening-evil").count()).isZero();
    assertThat(filterService.getFilter(filterId).getName()).isEqualTo("hardening-probe");
  }

  private static void assertOk(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.request().uri() + " " + response.body()).isEqualTo(200);
  }

  private Http caller(Channel channel) {
    String base = rest.getRootUri();
    return channel == Channel.WEBAPP ? Http.session(base, "admin", "admin") : Http.basic(base, "admin", "admin");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
