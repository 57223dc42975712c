package io.opsdesk.backup;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupTargetsTest {

  private final MockEnvironment environment = new MockEnvironment()
      .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/opsdesk")
      .withProperty("spring.datasource.username", "opsdesk").withProperty("spring.datasource.password", "pw-1");
  private final BackupSettings settings = new BackupSettings();

  @Test
  void opsDesksOwnDatabaseIsAlwaysTheFirstTargetEvenWithoutConfiguration() {
    assertThat(new BackupTargets(settings, environment).all())
        .containsExactly(BackupTarget.database("opsdesk", "jdbc:postgresql://db:5432/opsdesk", "opsdesk", "pw-1"));
  }

  @Test
  void configuredTargetsFollowAndNeedUniqueSafeNames() {
    settings.setTargets(List.of(target("cmdb", "jdbc:postgresql://db/cmdb")));
    BackupTargets targets = new BackupTargets(settings, environment);
    assertThat(targets.all()).extracting(BackupTarget::name).containsExactly("opsdesk", "cmdb");
    assertThat(targets.find("cmdb")).map(BackupTarget::kind).contains(BackupTarget.Kind.POSTGRESQL);
    assertThat(targets.find("nosuch")).isEmpty();

    for (String bad : List.of("opsdesk", "../etc", "a.b", "")) {
      settings.setTargets(List.of(target(bad, "jdbc:postgresql://db/x")));
      assertThatThrownBy(targets::all).as(bad).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void thePasswordIsNotPartOfTheTargetsText() {
    assertThat(new BackupTargets(settings, environment).all().get(0).toString()).doesNotContain("pw-1").contains("opsdesk");
  }

  private static BackupSettings.Target target(String name, String url) {
    BackupSettings.Target target = new BackupSettings.Target();
    target.setName(name);
    target.setUrl(url);
    target.setUsername("u");
    target.setPassword("p");
    return target;
  }
}
