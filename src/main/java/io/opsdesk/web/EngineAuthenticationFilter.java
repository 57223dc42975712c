package io.opsdesk.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Tells the engine who calls /api for the request's duration: journal actors and authorization checks. */
class EngineAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  EngineAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated()) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    identityService.setAuthentication(auth.getName(), groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
