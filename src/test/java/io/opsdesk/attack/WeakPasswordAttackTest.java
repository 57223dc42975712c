package io.opsdesk.attack;

import java.util.List;

import io.opsdesk.testsupport.OpsDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 8: users could set {@code a} as their password at run time. Every password set over HTTP
 * now meets the one policy (12 characters or more, not containing the user id, not a well-known
 * password, five different characters): through the engine REST API and the Admin webapp's API,
 * when an administrator creates a user or changes a password and when users change their own.
 * A refused password answers 400 and changes nothing.
 */
class WeakPasswordAttackTest extends OpsDeskTest {

  private static final String STRONG = "Vq7-long-enough-secret";
  private static final String NEWCOMER = "newcomer";

  @LocalServerPort int port;

  @AfterEach
  void removeNewcomer() {
    if (identity.createUserQuery().userId(NEWCOMER).count() > 0) {
      identity.deleteUser(NEWCOMER);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "newcomer", "my-NEWCOMER-2026", "Password1234", "1qaz2wsx3edc", "aaaaaaaaaaaaaaaa"})
  void anAdministratorCannotCreateAUserWithAWeakPassword(String password) {
    for (Api admin : List.of(engineRest("admin", "admin"), webapp("admin", "admin"))) {
      LoopbackClient.Response response = admin.client().json("POST", admin.base() + "/user/create", newUser(password));
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).contains("password", "at least 12 characters", "well-known");
      assertThat(identity.createUserQuery().userId(NEWCOMER).count()).isZero();
    }
  }

  @Test
  void aStrongPasswordIsAcceptedAndWorks() {
    LoopbackClient.Response created = engineRest("admin", "admin").client().json("POST", "/engine-rest/user/create",
        newUser(STRONG));
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    assertThat(identity.checkPassword(NEWCOMER, STRONG)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "alice", "alice-alice-alice", "Password1234", "iloveyou"})
  void usersCannotGiveThemselvesAWeakPassword(String password) {
    String change = "{\"password\":\"" + password + "\",\"authenticatedUserPassword\":\"alice\"}";
    for (Api alice : List.of(engineRest("alice", "alice"), webapp("alice", "alice"))) {
      LoopbackClient.Response response = alice.client().json("PUT", alice.base() + "/user/alice/credentials", change);
      assertThat(response.status()).as(response.body()).isEqualTo(400);
    }
    assertThat(identity.checkPassword("alice", "alice")).isTrue();
  }

  @Test
  void anAdministratorCannotSetAWeakPasswordForSomebodyElse() {
    engineRest("admin", "admin").client().json("POST", "/engine-rest/user/create", newUser(STRONG));
    for (Api admin : List.of(engineRest("admin", "admin"), webapp("admin", "admin"))) {
      LoopbackClient.Response response = admin.client().json("PUT", admin.base() + "/user/" + NEWCOMER + "/credentials",
          "{\"password\":\"Password1234\",\"authenticatedUserPassword\":\"admin\"}");
      assertThat(response.status()).as(response.body()).isEqualTo(400);
    }
    assertThat(identity.checkPassword(NEWCOMER, STRONG)).isTrue();
    assertThat(identity.checkPassword(NEWCOMER, "Password1234")).isFalse();
  }

  @Test
  void theAdminWebappSeesThePolicy() {
    Api admin = webapp("admin", "admin");
    LoopbackClient.Response policy = admin.client().json("GET", admin.base() + "/identity/password-policy", null);
    assertThat(policy.status()).isEqualTo(200);
    assertThat(policy.body()).contains("PASSWORD_POLICY_LENGTH", "\"minLength\":\"12\"",
        "must not contain the user id", "must not be a well-known password");
    LoopbackClient.Response check = admin.client().json("POST", admin.base() + "/identity/password-policy",
        "{\"password\":\"Password1234\",\"profile\":{\"id\":\"newcomer\"}}");
    assertThat(check.body()).contains("\"valid\":false");
  }

  private static String newUser(String password) {
    return "{\"profile\":{\"id\":\"" + NEWCOMER + "\",\"firstName\":\"New\",\"lastName\":\"Comer\","
        + "\"email\":\"newcomer@example.com\"},\"credentials\":{\"password\":\"" + password + "\"}}";
  }

  /** A caller of one of the two APIs that serve the same resources: /engine-rest and the webapps' copy. */
  private record Api(LoopbackClient client, String base) {
  }

  private Api engineRest(String user, String password) {
    return new Api(LoopbackClient.at("127.0.0.1", port).basic(user, password), "/engine-rest");
  }

  private Api webapp(String user, String password) {
    LoopbackClient client = LoopbackClient.at("127.0.0.1", port);
    assertThat(client.webappLogin(user, password).status()).isEqualTo(200);
    return new Api(client, "/camunda/api/engine/engine/default");
  }
}
