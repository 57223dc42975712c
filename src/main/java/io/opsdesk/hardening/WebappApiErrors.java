package io.opsdesk.hardening;

import io.opsdesk.web.RefusedInputMapper;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webapps' engine API ({@code /camunda/api/engine/...}, which Tasklist and Cockpit call) is a
 * JAX-RS application of Camunda's own, built by Jersey from its class name; it answers refused
 * input with 500 unless it knows {@link RefusedInputMapper}, as /engine-rest does. Jersey reads the
 * servlet context's <em>attributes</em> as properties of every application it builds this way, so
 * naming the mapper there makes those applications answer 400 naming each variable too.
 */
@Configuration
public class WebappApiErrors {

  @Bean
  ServletContextInitializer refusedInputOnWebappApis() {
    return context -> context.setAttribute(ServerProperties.PROVIDER_CLASSNAMES,
        RefusedInputMapper.class.getName() + "," + RefusedInputMapper.Unwrapped.class.getName());
  }
}
