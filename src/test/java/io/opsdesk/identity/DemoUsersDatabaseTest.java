package io.opsdesk.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo users (admin/admin…) only on the embedded H2 database: the decision, without starting anything. */
class DemoUsersDatabaseTest {

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:h2:file:./data/opsdesk", "jdbc:h2:mem:opsdesk-test", "jdbc:h2:./data/x", "JDBC:H2:MEM:x"})
  void embeddedH2IsFine(String url) {
    assertThat(DemoUsers.refusal(url)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:postgresql://db:5432/opsdesk", "jdbc:h2:tcp://db/opsdesk", "jdbc:h2:ssl://db/x",
      "jdbc:mysql://db/opsdesk", "jdbc:p6spy:h2:mem:x", ""})
  void anyOtherDatabaseIsRefusedNamingTheSettings(String url) {
    assertThat(DemoUsers.refusal(url)).startsWith("Refusing to start")
        .contains("spring.datasource.url", "--spring.profiles.active=postgres", "opsdesk.demo-users=false",
            "camunda.bpm.admin-user.id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:postgresql://db:5432/opsdesk?user=ops&password=s3cret-pw",
      "jdbc:h2:tcp://db/opsdesk;PASSWORD=s3cret-pw"})
  void theMessageNeverShowsUrlParameters(String url) {
    assertThat(DemoUsers.refusal(url)).doesNotContain("s3cret-pw").contains("db");
  }
}
