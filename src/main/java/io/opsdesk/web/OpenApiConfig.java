package io.opsdesk.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of /api, served at /api/openapi to authenticated users. */
@Configuration
public class OpenApiConfig {

  @Bean
  OpenAPI opsDeskApi() {
    return new OpenAPI()
        .info(new Info().title("OpsDesk API").version("1")
            .description("Service requests (tickets) of the OpsDesk IT service desk. HTTP Basic with OpsDesk users."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
