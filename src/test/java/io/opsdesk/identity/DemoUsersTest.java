package io.opsdesk.identity;

import java.util.List;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default profile's groups and demo users, as the contract lists them. */
class DemoUsersTest extends OpsDeskTest {

  @Test
  void contractGroupsExist() {
    assertThat(identity.createGroupQuery().list()).extracting(Group::getId).contains("service-desk",
        "hardware-support", "software-support", "network-support", "data-support", "security-support",
        "supervisors", "requesters", "camunda-admin");
  }

  @Test
  void demoUsersHaveTheirGroupsEmailAndPassword() {
    assertThat(groupsOf("admin")).containsExactly("camunda-admin");
    assertThat(groupsOf("desk")).containsExactly("service-desk");
    assertThat(groupsOf("tech")).containsExactlyInAnyOrder("hardware-support", "software-support",
        "network-support", "data-support", "security-support");
    assertThat(groupsOf("expert")).containsExactlyInAnyOrder("hardware-support", "software-support", "network-support");
    assertThat(groupsOf("senior")).containsExactlyInAnyOrder("hardware-support", "software-support", "network-support");
    assertThat(groupsOf("lead")).containsExactly("supervisors");
    assertThat(groupsOf("alice")).containsExactly("requesters");
    for (String user : List.of("admin", "desk", "tech", "expert", "senior", "lead", "alice")) {
      assertThat(identity.createUserQuery().userId(user).singleResult().getEmail()).isEqualTo(user + "@example.com");
      assertThat(identity.checkPassword(user, user)).as(user).isTrue();
    }
  }

  private List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }
}
