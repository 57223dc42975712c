package io.opsdesk.hardening;

import java.net.http.HttpResponse;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Admin webapp's first-run setup cannot create a user while an administrator exists: not
 * anonymously, not as a logged-in non-administrator, whatever the path looks like. The refusal
 * comes from our guard (its message), before Camunda's own setup code or CSRF filter sees the call.
 */
class AdminSetupGuardTest extends OpsDeskTest {

  static final String SETUP = "/camunda/api/admin/setup/default/user/create";
  static final String PROBE_USER = "setup-probe";
  static final String PROBE_PASSWORD = "Probe-Pass-2468";

  @AfterEach
  void removeUsers() {
    for (String id : new String[] {PROBE_USER, "intruder-a", "intruder-b"}) {
      if (identity.createUserQuery().userId(id).count() > 0) {
        identity.deleteUser(id);
      }
    }
  }

  @Test
  void anAdministratorExists() {
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isPositive();
  }

  @Test
  void anonymousCallerCannotCreateAnAdministrator() {
    HttpResponse<String> response = Http.anonymous(rest.getRootUri()).send("POST", SETUP, newUser("intruder-a"));
    assertRefused(response, "intruder-a");
  }

  @ParameterizedTest
  @ValueSource(strings = {SETUP + "/", "/camunda/api/admin/setup/another-engine/user/create",
      "/camunda/api/admin/%73etup/default/user/create", "/camunda//api/admin/setup/default/user/create"})
  void anonymousCallerCannotSneakPastThePathCheck(String path) {
    HttpResponse<String> response = Http.anonymous(rest.getRootUri()).send("POST", path, newUser("intruder-a"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(identity.createUserQuery().userId("intruder-a").count()).isZero();
  }

  @Test
  void loggedInNonAdministratorCannotCreateAnAdministrator() {
    User probe = identity.newUser(PROBE_USER);
    probe.setPassword(PROBE_PASSWORD);
    identity.saveUser(probe);
    identity.createMembership(PROBE_USER, "service-desk");

    Http session = Http.session(rest.getRootUri(), PROBE_USER, PROBE_PASSWORD);
    assertRefused(session.send("POST", SETUP, newUser("intruder-b")), "intruder-b");
    assertThat(identity.createGroupQuery().groupMember(PROBE_USER).groupId("camunda-admin").count()).isZero();
  }

  private void assertRefused(HttpResponse<String> response, String userId) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).contains("Setup is closed: an administrator already exists");
    assertThat(identity.createUserQuery().userId(userId).count()).as("user " + userId).isZero();
  }

  private static String newUser(String id) {
    return "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"Eve\",\"lastName\":\"Intruder\","
        + "\"email\":\"" + id + "@example.com\"},\"credentials\":{\"password\":\"Intruder-Pass-1357\"}}";
  }
}
