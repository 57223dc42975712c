package io.opsdesk.hardening;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the Admin webapp's first-run setup ({@code /camunda/api/admin/setup/{engine}/user/create},
 * open to anonymous callers) as soon as any administrator exists.
 *
 * <p>Why: Camunda 7.24.0's own check counts only direct members of {@code camunda-admin}, so an
 * engine administered through the configured {@code adminUsers}/{@code adminGroups} while that
 * group is empty lets anybody create a new administrator. Here an administrator is a member of
 * {@code camunda-admin} or of any configured admin group, or a configured admin user that exists;
 * the question is asked without authorization checks, whoever is calling.
 */
class AdminSetupGuard extends OncePerRequestFilter {

  private final Pattern setupPath;
  private final ProcessEngine engine;

  AdminSetupGuard(String webappPath, ProcessEngine engine) {
    this.setupPath = Pattern.compile(Pattern.quote(RequestPaths.prefix(webappPath)) + "/api/admin/setup(?:/.*)?",
        Pattern.CASE_INSENSITIVE);
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isSetupRequest(request) && administratorExists()) {
      Refusal.send(response, HttpServletResponse.SC_FORBIDDEN, "ForbiddenException",
          "Setup is closed: an administrator already exists");
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean isSetupRequest(HttpServletRequest request) {
    return RequestPaths.of(request).stream().anyMatch(path -> setupPath.matcher(path).matches());
  }

  boolean administratorExists() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    IdentityService identity = engine.getIdentityService();
    Set<String> adminGroups = new LinkedHashSet<>();
    adminGroups.add(Groups.CAMUNDA_ADMIN);
    if (configuration.getAdminGroups() != null) {
      adminGroups.addAll(configuration.getAdminGroups());
    }
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() ->
        adminGroups.stream().anyMatch(group -> identity.createUserQuery().memberOfGroup(group).count() > 0)
            || (configuration.getAdminUsers() != null && configuration.getAdminUsers().stream()
                .anyMatch(user -> identity.createUserQuery().userId(user).count() > 0))));
  }
}
