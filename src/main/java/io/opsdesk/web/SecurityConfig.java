package io.opsdesk.web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import io.opsdesk.identity.LoginThrottle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. Our {@code /api} takes HTTP Basic with Camunda's users and groups (and, for reading,
 * the webapps' login session); the engine
 * REST API authenticates with Camunda's own filter; the Camunda webapps keep their own login, session
 * and CSRF protection.
 */
@Configuration
public class SecurityConfig {

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, CamundaIdentityAuthentication users, IdentityService identityService,
      ProcessEngine engine) throws Exception {
    return http.securityMatcher("/api/**")
        // Our provider only: Spring Security would otherwise ask it again through the global
        // manager after a failure, and each wrong password would be checked (and throttled) twice.
        .authenticationManager(new ProviderManager(users))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(loginChallenge()))
        // Stateless: /api never creates a session. Basic callers need no CSRF token; a webapp session may
        // only read, with the webapps' own XSRF token (WebappSessionAuthentication).
        .csrf(csrf -> csrf.disable())
        // A webapp session that reads /api keeps its id: Spring Security's session fixation protection would
        // give it a new one on every request, and the webapps' concurrent requests would find theirs gone.
        // The webapps' own login changes the id already.
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        // Reading as the user logged in to the webapps (their plugins): see WebappSessionAuthentication.
        .addFilterBefore(new WebappSessionAuthentication(users, identityService, engine.getName()),
            BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .build();
  }

  /**
   * 401 with a Basic challenge, except to the webapps' scripts (they send their XSRF token): a browser
   * would answer the challenge with its password dialog, over Cockpit, when the webapp session has ended.
   */
  private static AuthenticationEntryPoint loginChallenge() {
    BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
    basic.setRealmName("OpsDesk");
    return (request, response, refused) -> {
      if (request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME) != null) {
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, refused.getMessage());
      } else {
        basic.commence(request, response, refused);
      }
    };
  }

  @Bean
  @Order(2)
  SecurityFilterChain camunda(HttpSecurity http) throws Exception {
    // /engine-rest is authenticated by engineRestAuthentication below; the webapps by their own
    // login, and their own CSRF filter protects their session.
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  FilterRegistrationBean<Filter> requestSizeLimit(@Value("${opsdesk.max-request-bytes:1048576}") long maxBytes,
      @Value("${opsdesk.max-deployment-bytes:10485760}") long maxDeploymentBytes) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new RequestSizeLimit(maxBytes, maxDeploymentBytes));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    registration.setName("request-size-limit");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Right after the size limit (whose bound it relies on), before anything checks a password. */
  @Bean
  FilterRegistrationBean<Filter> loginThrottleFilter(LoginThrottle throttle,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, webappPath));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    registration.setName("login-throttle");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<Filter> engineRestAuthentication(ProcessEngine engine) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter() {
      /**
       * Our one engine, by its name: Camunda's lookup loads its engine provider through a
       * ServiceLoader, scanning every jar of the classpath at each request (2% of the CPU under load).
       */
      @Override
      protected ProcessEngine getAddressedEngine(String engineName) {
        return engine.getName().equals(engineName) ? engine : null;
      }
    });
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setName("engine-rest-authentication");
    return registration;
  }
}
