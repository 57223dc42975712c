package io.opsdesk.hardening;

import jakarta.servlet.DispatcherType;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the request guards ahead of everything that could act on a request: Spring Security,
 * Camunda's engine REST authentication and the webapps' authentication and CSRF filters. They
 * match paths themselves (see {@link RequestPaths}), so they are mapped to every request.
 */
@Configuration
public class HardeningFilters {

  /** Before Spring Security (-100) and all of Camunda's filters, just after character encoding. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  @Bean
  FilterRegistrationBean<QueryExpressionGuard> queryExpressionGuard(
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<QueryExpressionGuard> registration =
        new FilterRegistrationBean<>(new QueryExpressionGuard(restPath, webappPath));
    registration.setName("opsdesk-query-expression-guard");
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD);
    registration.setOrder(ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<AdminSetupGuard> adminSetupGuard(ProcessEngine engine,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<AdminSetupGuard> registration =
        new FilterRegistrationBean<>(new AdminSetupGuard(webappPath, engine));
    registration.setName("opsdesk-admin-setup-guard");
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD);
    registration.setOrder(ORDER);
    return registration;
  }
}
