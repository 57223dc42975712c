package io.opsdesk.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of the data backup ({@code opsdesk.backup.*}). A bean named {@code backupSettings}
 * because the timer of data-backup.bpmn reads its cron as {@code ${backupSettings.cron}}.
 */
@Component("backupSettings")
@ConfigurationProperties(prefix = "opsdesk.backup")
public class BackupSettings extends ScheduleSettings {

  /** The backup store: one folder per target, one archive and manifest per run. */
  private Path store = Path.of("data", "backups");
  /** Where a restore of an H2 target puts its copy: {@code <restores>/<target>/<restoreId>/}. */
  private Path restores = Path.of("data", "restores");
  /** When the timer starts a run: Camunda's (Quartz) cron with seconds, in the server's time zone. */
  private String cron = "0 0 1 * * ?";
  /** Longest a dump or a test restore may run before the tool is stopped. */
  private Duration toolTimeout = Duration.ofHours(2);
  /** Databases backed up besides OpsDesk's own (which is always the target "opsdesk"). */
  private List<Target> targets = new ArrayList<>();

  /** The defaults of every target's schedule and retention (OpsDesk's own target always uses these). */
  public BackupSettings() {
    setEvery(Duration.ofDays(1));
    setKeepDaily(7);
    setKeepWeekly(4);
    setKeepMonthly(6);
  }

  /**
   * One configured target: a database ({@code url}, credentials) or a directory ({@code path}). The
   * password comes from configuration or the environment, never a variable. Its schedule and retention
   * settings override the top-level ones; those it leaves unset (null) take the top-level value.
   */
  public static class Target extends ScheduleSettings {
    private String name;
    private String url;
    private Path path;
    private String username;
    private String password = "";

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public Path getPath() {
      return path;
    }

    public void setPath(Path path) {
      this.path = path;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password == null ? "" : password;
    }
  }

  public Path getStore() {
    return store;
  }

  public void setStore(Path store) {
    this.store = store;
  }

  public Path getRestores() {
    return restores;
  }

  public void setRestores(Path restores) {
    this.restores = restores;
  }

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }

  public Duration getToolTimeout() {
    return toolTimeout;
  }

  public void setToolTimeout(Duration toolTimeout) {
    this.toolTimeout = toolTimeout;
  }

  public List<Target> getTargets() {
    return targets;
  }

  public void setTargets(List<Target> targets) {
    this.targets = targets;
  }
}
