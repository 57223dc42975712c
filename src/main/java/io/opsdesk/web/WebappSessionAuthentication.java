package io.opsdesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the Camunda webapps' plugins (the Cockpit dashboard) read /api as the user logged in to them: a
 * GET or HEAD without credentials, from a session in which that user is logged in to {@code engineName},
 * carrying the session's XSRF token in {@code X-XSRF-TOKEN} as the webapps send it. The session only
 * names the user: their groups are read afresh from the identity service (a user deleted since the login
 * gets nothing), so /api's role checks apply as to a Basic caller. Every other method stays Basic-only,
 * so a page of another site cannot change anything through a supervisor's open session; and the token
 * keeps even reading to the webapps' own pages. The session is only read, never created.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

  private static final Set<String> READING = Set.of("GET", "HEAD");

  private final CamundaIdentityAuthentication users;
  private final IdentityService identityService;
  private final String engineName;

  WebappSessionAuthentication(CamundaIdentityAuthentication users, IdentityService identityService, String engineName) {
    this.users = users;
    this.identityService = identityService;
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String userId = sessionUser(request);
    if (userId != null && identityService.createUserQuery().userId(userId).count() == 1) {
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(users.asUser(userId));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }

  /** The user the request's webapp session is logged in as, when the request may be read as theirs; else null. */
  private String sessionUser(HttpServletRequest request) {
    if (!READING.contains(request.getMethod()) || request.getHeader("Authorization") != null) {
      return null;
    }
    HttpSession session = request.getSession(false);
    if (session == null || !tokenMatches(request, session)) {
      return null;
    }
    Authentications logins = AuthenticationUtil.getAuthsFromSession(session);
    Authentication login = logins == null ? null : logins.getAuthenticationForProcessEngine(engineName);
    return login == null ? null : login.getIdentityId();
  }

  private static boolean tokenMatches(HttpServletRequest request, HttpSession session) {
    Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return expected instanceof String token && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
