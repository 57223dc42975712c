package io.opsdesk.hardening;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses task queries that carry JUEL expressions before the engine can evaluate them.
 *
 * <p>Why: Camunda 7.24.0 CE refuses expressions in ad-hoc task queries
 * ({@code enableExpressionsInAdhocQueries=false}) but checks only the top-level query, not its
 * {@code orQueries}; and stored filter queries, and the query that extends a filter when it is run,
 * are always evaluated. An expression there runs arbitrary code as the engine. No community patch
 * will come, so the engine REST API ({@code /engine-rest}, also under {@code /engine-rest/engine/{name}})
 * and the webapps' copy of it ({@code /camunda/api/engine/engine/{name}}) are guarded here: task
 * queries, task counts, filter create/update and filter execution. The few expressions Tasklist's
 * filters use are let through ({@link ExpressionWhitelist}).
 */
class QueryExpressionGuard extends OncePerRequestFilter {

  /** A query body this large is no honest task query; refusing it beats passing it uninspected. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Engine REST resources that build a task query from the request. */
  private static final Pattern QUERY_RESOURCE = Pattern.compile(
      "/(?:task(?:/count)?|filter(?:/[^/]+(?:/(?:list|count|singleResult))?)?)/?", Pattern.CASE_INSENSITIVE);

  private final Pattern engineApi;

  /**
   * @param restPath the engine REST API's path ({@code /engine-rest})
   * @param webappPath the webapps' path ({@code /camunda})
   */
  QueryExpressionGuard(String restPath, String webappPath) {
    String rest = Pattern.quote(RequestPaths.prefix(restPath));
    String webapp = Pattern.quote(RequestPaths.prefix(webappPath));
    this.engineApi = Pattern.compile("(?:" + rest + "|" + webapp + "/api/engine)(?:/engine/[^/]+)?(/.*)",
        Pattern.CASE_INSENSITIVE);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isQueryResource(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      refuse(response, "request body too large to inspect");
      return;
    }
    String found = ExpressionFinder.inQueryString(request.getQueryString());
    if (found == null) {
      found = ExpressionFinder.inBody(body);
    }
    if (found != null) {
      refuse(response, found);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  boolean isQueryResource(HttpServletRequest request) {
    for (String path : RequestPaths.of(request)) {
      var api = engineApi.matcher(path);
      if (api.matches() && QUERY_RESOURCE.matcher(api.group(1)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static void refuse(HttpServletResponse response, String where) throws IOException {
    Refusal.send(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
        "Expressions are not allowed in queries: " + where);
  }
}
