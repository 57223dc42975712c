package io.opsdesk.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The contract's groups and demo users (password = user id) for trying OpsDesk out. Only with
 * {@code opsdesk.demo-users=true}, the embedded default; the postgres profile turns it off.
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

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
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
        identity.saveUser(user);
        groups.forEach(group -> identity.createMembership(id, group));
      }
    });
  }
}
