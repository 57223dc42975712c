package io.opsdesk.identity;

import io.opsdesk.OpsDeskApplication;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The postgres profile (production) creates no demo users, takes its first administrator from
 * configuration and refuses administrator passwords that break the one password policy
 * ({@link PasswordRules}, unit-tested in PasswordRulesTest). The database is swapped for H2 here: the
 * rules do not depend on it.
 */
@Tag("single-run")
class ProductionStartTest {

  @ParameterizedTest
  @ValueSource(strings = {"admin", "demo", "root", "", "short1!", "rootpassword123", "Password1234"})
  void weakAdministratorPasswordIsRefused(String password) {
    assertThatThrownBy(() -> start("--camunda.bpm.admin-user.id=root", "--camunda.bpm.admin-user.password=" + password)
        .close())
        .rootCause().hasMessageContaining("Refusing to start: camunda.bpm.admin-user.password");
  }

  @Test
  void noAdministratorAtAllIsRefused() {
    assertThatThrownBy(() -> start().close()).rootCause().hasMessageContaining("no administrator exists");
  }

  @Test
  void strongPasswordStartsWithTheConfiguredAdministratorAndNoDemoUsers() {
    try (ConfigurableApplicationContext app = start("--camunda.bpm.admin-user.id=root",
        "--camunda.bpm.admin-user.password=Vq7-long-enough-secret")) {
      IdentityService identity = app.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list())
          .extracting(u -> u.getId()).containsExactly("root");
      assertThat(identity.createUserQuery().userIdIn("desk", "tech", "alice", "admin").count()).isZero();
      assertThat(identity.checkPassword("root", "Vq7-long-enough-secret")).isTrue();
    }
  }

  private static ConfigurableApplicationContext start(String... extra) {
    String[] args = new String[extra.length + 5];
    args[0] = "--spring.profiles.active=postgres";
    args[1] = "--spring.datasource.url=jdbc:h2:mem:production-" + System.nanoTime();
    args[2] = "--server.port=0";
    args[3] = "--camunda.bpm.process-engine-name=production-test";
    args[4] = "--camunda.bpm.job-execution.enabled=false";
    System.arraycopy(extra, 0, args, 5, extra.length);
    return new SpringApplicationBuilder(OpsDeskApplication.class).run(args);
  }
}
