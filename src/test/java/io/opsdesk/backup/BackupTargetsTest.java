package io.opsdesk.backup;

import java.time.Duration;
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

  @Test
  void eachTargetTakesTheTopLevelScheduleAndRetentionUnlessItSetsItsOwn() {
    BackupSettings.Target weekly = target("archive", "jdbc:postgresql://db/archive");
    weekly.setEvery(Duration.ofDays(7));
    weekly.setKeepWeekly(8);
    BackupSettings.Target hourly = target("cmdb", "jdbc:postgresql://db/cmdb");
    hourly.setEvery(Duration.ofHours(1));
    hourly.setMaxAge(Duration.ofHours(3));
    settings.setTargets(List.of(weekly, hourly));
    settings.setKeepMonthly(12);
    BackupTargets targets = new BackupTargets(settings, environment);

    assertThat(targets.policy("opsdesk")).isEqualTo(new BackupPolicy(Duration.ofDays(1), Duration.ofHours(26), 7, 4, 12));
    assertThat(targets.policy("archive")).isEqualTo(new BackupPolicy(Duration.ofDays(7), Duration.ofHours(170), 7, 8, 12));
    assertThat(targets.policy("cmdb")).isEqualTo(new BackupPolicy(Duration.ofHours(1), Duration.ofHours(3), 7, 4, 12));
    // A run started by the nightly timer finds a weekly target due after six days and 18 hours, an hourly one after 30 minutes.
    assertThat(targets.policy("archive").dueAfter()).isEqualTo(Duration.ofHours(7 * 24 - 6));
    assertThat(targets.policy("cmdb").dueAfter()).isEqualTo(Duration.ofMinutes(30));
    settings.setMaxAge(Duration.ofHours(30));
    assertThat(targets.policy("opsdesk").maxAge()).isEqualTo(Duration.ofHours(30));
    assertThat(targets.policy("archive").maxAge()).isEqualTo(Duration.ofHours(170));
  }

  @Test
  void aBadScheduleOrRetentionFailsAtUseNamingTheTarget() {
    BackupSettings.Target bad = target("cmdb", "jdbc:postgresql://db/cmdb");
    bad.setEvery(Duration.ofDays(1));
    bad.setMaxAge(Duration.ofHours(20));
    settings.setTargets(List.of(bad));
    BackupTargets targets = new BackupTargets(settings, environment);
    assertThatThrownBy(() -> targets.policy("cmdb")).hasMessageContaining("cmdb").hasMessageContaining("max-age");
    bad.setMaxAge(null);
    bad.setKeepDaily(-1);
    assertThatThrownBy(() -> targets.policy("cmdb")).hasMessageContaining("cmdb");
    settings.setEvery(Duration.ZERO);
    assertThatThrownBy(() -> targets.policy("opsdesk")).hasMessageContaining("opsdesk");
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
