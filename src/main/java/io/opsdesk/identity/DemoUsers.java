package io.opsdesk.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The contract's groups and demo users (password = user id) for trying OpsDesk out. Only with
 * {@code opsdesk.demo-users=true}, the embedded default, and only on the embedded H2 database: the
 * default profile pointed at any other database refuses to start rather than create {@code admin/admin}
 * there. The postgres profile turns demo users off.
 */
@Component
@ConditionalOnProperty(name = "opsdesk.demo-users", havingValue = "true")
public class DemoUsers extends AbstractProcessEnginePlugin {

  private static final Map<String, String> GROUP_NAMES = new LinkedHashMap<>();
  private static final Map<String, List<String>> USERS = new LinkedHashMap<>();

  static {
    GROUP_NAMES.put(OpsDeskGroups.SERVICE_DESK, "Service desk");
    GROUP_NAMES.put("hardware-support", "Hardware support");
    GROUP_NAMES.put("software-support", "Software support");
    GROUP_NAMES.put("network-support", "Network support");
    GROUP_NAMES.put("data-support", "Data support");
    GROUP_NAMES.put("security-support", "Security support");
    GROUP_NAMES.put(OpsDeskGroups.SUPERVISORS, "Supervisors");
    GROUP_NAMES.put(OpsDeskGroups.REQUESTERS, "Requesters");
    GROUP_NAMES.put(OpsDeskGroups.ADMINS, "Camunda administrators");

    List<String> threeSupport = List.of("hardware-support", "software-support", "network-support");
    USERS.put("admin", List.of(OpsDeskGroups.ADMINS));
    USERS.put("desk", List.of(OpsDeskGroups.SERVICE_DESK));
    USERS.put("tech", OpsDeskGroups.SUPPORT);
    USERS.put("expert", threeSupport);
    USERS.put("senior", threeSupport);
    USERS.put("lead", List.of(OpsDeskGroups.SUPERVISORS));
    USERS.put("alice", List.of(OpsDeskGroups.REQUESTERS));
  }

  private final DataSource dataSource;

  public DemoUsers(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String refusal = refusal(databaseUrl());
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    createAll(engine.getIdentityService());
  }

  /**
   * Null when demo users may be created on the database at {@code jdbcUrl}, else why not. Only an
   * embedded H2 database (in memory or a file) qualifies, not an H2 server ({@code tcp:}, {@code ssl:}).
   */
  static String refusal(String jdbcUrl) {
    String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")) {
      return null;
    }
    return "Refusing to start: the default profile creates demo users whose password is their user id "
        + "(admin/admin included) and does so only on the embedded H2 database, but spring.datasource.url is "
        + withoutParameters(jdbcUrl) + ". For PostgreSQL start with --spring.profiles.active=postgres "
        + "(no demo users), or set opsdesk.demo-users=false; either way give the first administrator with "
        + "camunda.bpm.admin-user.id and camunda.bpm.admin-user.password.";
  }

  /** Parameters may carry a password: never put them into a message. */
  private static String withoutParameters(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "unknown";
    }
    int cut = jdbcUrl.length();
    for (char c : new char[] {'?', ';', '&'}) {
      int at = jdbcUrl.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return jdbcUrl.substring(0, cut);
  }

  private String databaseUrl() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getURL();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot tell which database OpsDesk runs on", e);
    }
  }

  /**
   * Creates the groups and demo users that are missing. Deliberately bypasses the password policy
   * (password = user id is the demo's contract); besides this plugin, only test code calls it.
   */
  public static void createAll(IdentityService identity) {
    GROUP_NAMES.forEach((id, name) -> {
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(OpsDeskGroups.ADMINS.equals(id) ? "SYSTEM" : "WORKFLOW");
        identity.saveGroup(group);
      }
    });
    USERS.forEach((id, groups) -> {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
        user.setLastName("Demo");
        user.setEmail(id + "@example.com");
        user.setPassword(id);
        ((IdentityServiceImpl) identity).saveUser(user, true);
        groups.forEach(group -> identity.createMembership(id, group));
      }
    });
  }
}
