package io.opsdesk.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Every target a run backs up: OpsDesk's own database (from {@code spring.datasource.*}) as
 * {@value #OWN}, always and first, then the configured {@code opsdesk.backup.targets}.
 */
@Component
public class BackupTargets {

  public static final String OWN = "opsdesk";

  private final BackupSettings settings;
  private final Environment environment;

  public BackupTargets(BackupSettings settings, Environment environment) {
    this.settings = settings;
    this.environment = environment;
  }

  public List<BackupTarget> all() {
    Map<String, BackupTarget> byName = new LinkedHashMap<>();
    byName.put(OWN, BackupTarget.database(OWN, environment.getRequiredProperty("spring.datasource.url"),
        environment.getProperty("spring.datasource.username", ""), environment.getProperty("spring.datasource.password", "")));
    for (BackupSettings.Target configured : settings.getTargets()) {
      String name = configured.getName();
      if (name == null || !name.matches(TARGET_NAME) || byName.containsKey(name)
          || (configured.getUrl() == null) == (configured.getPath() == null)) {
        throw new IllegalStateException("opsdesk.backup.targets: each target needs a unique name (letters, digits, _ -) "
            + "other than " + OWN + ", and either a url (a database) or a path (a directory); " + name + " has not");
      }
      byName.put(name, configured.getPath() != null ? BackupTarget.directory(name, configured.getPath())
          : BackupTarget.database(name, configured.getUrl(), configured.getUsername(), configured.getPassword()));
    }
    return new ArrayList<>(byName.values());
  }

  public Optional<BackupTarget> find(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The schedule and retention of {@code name}: the top-level {@code opsdesk.backup.*} values, overridden
   * by what the target's own entry sets. OpsDesk's own target and unknown names take the top-level values.
   */
  public BackupPolicy policy(String name) {
    BackupSettings.Target own = settings.getTargets().stream().filter(t -> name.equals(t.getName())).findFirst()
        .orElseGet(BackupSettings.Target::new);
    Duration every = own.getEvery() != null ? own.getEvery() : settings.getEvery();
    Duration maxAge = own.getMaxAge() != null ? own.getMaxAge()
        : own.getEvery() == null && settings.getMaxAge() != null ? settings.getMaxAge()
        : every == null ? null : every.plus(BackupPolicy.DEFAULT_LATENESS);
    return new BackupPolicy(every, maxAge, or(own.getKeepDaily(), settings.getKeepDaily()),
        or(own.getKeepWeekly(), settings.getKeepWeekly()), or(own.getKeepMonthly(), settings.getKeepMonthly()))
        .validated(name);
  }

  /** Unset at both levels: -1, which the policy's validation refuses. */
  private static int or(Integer own, Integer otherwise) {
    return own != null ? own : otherwise != null ? otherwise : -1;
  }

  /** Target names become folder names in the store: no path separators, no dots. */
  static final String TARGET_NAME = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
}
