package io.opsdesk.hardening;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code camunda-admin} keeps at least one member whatever {@code admin} tries: through the Java API,
 * the engine REST API and the Admin webapp's API, and even when two administrators remove each other
 * at the same moment. Each test starts with {@code admin} as the group's only member; other members
 * are set aside and restored afterwards.
 */
class LastAdministratorGuardTest extends OpsDeskTest {

  static final String ADMINS = "camunda-admin";
  static final String SPARE = "spare-admin";

  @Autowired PlatformTransactionManager transactionManager;

  private final List<String> setAside = new ArrayList<>();

  @BeforeEach
  void adminIsTheOnlyMember() {
    ensureMember("admin");
    for (User other : identity.createUserQuery().memberOfGroup(ADMINS).list()) {
      if (!other.getId().equals("admin")) {
        setAside.add(other.getId());
        identity.deleteMembership(other.getId(), ADMINS);
      }
    }
  }

  @AfterEach
  void restoreMembers() {
    // Should a guard have failed, the suite must not go on without its administrator.
    ensureMember("admin");
    if (identity.createUserQuery().userId(SPARE).count() > 0) {
      identity.deleteUser(SPARE);
    }
    setAside.stream().filter(id -> identity.createUserQuery().userId(id).count() > 0).forEach(this::ensureMember);
  }

  @Test
  void javaApiCannotRemoveTheLastMember() {
    assertThatThrownBy(() -> as("admin", () -> {
      identity.deleteMembership("admin", ADMINS);
      return null;
    })).isInstanceOf(LastAdministratorException.class).hasMessageContaining("camunda-admin must always keep");
    assertThatThrownBy(() -> as("admin", () -> {
      identity.deleteUser("admin");
      return null;
    })).isInstanceOf(LastAdministratorException.class);
    assertThatThrownBy(() -> as("admin", () -> {
      identity.deleteGroup(ADMINS);
      return null;
    })).isInstanceOf(LastAdministratorException.class);
    assertAdminStillThere();
  }

  /** Refused either way: by authorization when it is on, by the guard when it is off. */
  @Test
  void nonAdministratorCannotRemoveTheLastMemberEither() {
    assertThatThrownBy(() -> as("desk", () -> {
      identity.deleteMembership("admin", ADMINS);
      return null;
    })).isInstanceOf(ProcessEngineException.class);
    Http http = Http.basic(rest.getRootUri(), "desk", "desk");
    assertThat(http.send("DELETE", "/engine-rest/user/admin", null).statusCode()).isIn(400, 403);
    assertAdminStillThere();
  }

  @Test
  void engineRestApiCannotRemoveTheLastMember() {
    Http http = Http.basic(rest.getRootUri(), "admin", "admin");
    assertRefused(http.send("DELETE", "/engine-rest/group/camunda-admin/members/admin", null));
    assertRefused(http.send("DELETE", "/engine-rest/user/admin", null));
    assertRefused(http.send("DELETE", "/engine-rest/group/camunda-admin", null));
    assertAdminStillThere();
  }

  @Test
  void adminWebappCannotRemoveTheLastMember() {
    Http session = Http.session(rest.getRootUri(), "admin", "admin");
    String api = "/camunda/api/engine/engine/default";
    assertRefused(session.send("DELETE", api + "/group/camunda-admin/members/admin", null));
    assertRefused(session.send("DELETE", api + "/user/admin", null));
    assertRefused(session.send("DELETE", api + "/group/camunda-admin", null));
    assertAdminStillThere();
  }

  @Test
  void anotherAdministratorCanStillBeRemoved() {
    Http http = Http.basic(rest.getRootUri(), "admin", "admin");
    createSpareAdmin();
    assertThat(http.send("DELETE", "/engine-rest/group/camunda-admin/members/" + SPARE, null).statusCode()).isEqualTo(204);
    assertThat(isMember(SPARE)).isFalse();

    identity.createMembership(SPARE, ADMINS);
    assertThat(http.send("DELETE", "/engine-rest/user/" + SPARE, null).statusCode()).isEqualTo(204);
    assertThat(identity.createUserQuery().userId(SPARE).count()).isZero();

    createSpareAdmin();
    as("admin", () -> {
      identity.deleteMembership(SPARE, ADMINS);
      return null;
    });
    assertThat(isMember(SPARE)).isFalse();
    assertAdminStillThere();
  }

  /**
   * Two transactions each remove one of the last two members. Without a lock both would count two
   * members and both succeed; the guard makes the second wait for the first and then refuse.
   */
  @Test
  void twoAdministratorsRemovedAtOnceLeaveOne() throws Exception {
    createSpareAdmin();
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    CountDownLatch firstRemoved = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = threads.submit(() -> transaction.executeWithoutResult(status -> {
        identity.deleteMembership(SPARE, ADMINS);
        firstRemoved.countDown();
        await(secondStarted);
        pause(700); // the second removal is now blocked on our lock; commit only then
      }));
      Future<Throwable> second = threads.submit(() -> {
        await(firstRemoved);
        secondStarted.countDown();
        try {
          identity.deleteMembership("admin", ADMINS);
          return null;
        } catch (Throwable refused) {
          return refused;
        }
      });
      first.get(30, TimeUnit.SECONDS);
      assertThat(second.get(30, TimeUnit.SECONDS)).isInstanceOf(LastAdministratorException.class);
    } finally {
      threads.shutdownNow();
    }
    assertThat(isMember(SPARE)).isFalse();
    assertAdminStillThere();
  }

  private void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("LastAdministratorException").contains("camunda-admin must always keep");
  }

  private void assertAdminStillThere() {
    assertThat(identity.createGroupQuery().groupId(ADMINS).count()).isEqualTo(1);
    assertThat(identity.createUserQuery().userId("admin").count()).isEqualTo(1);
    assertThat(isMember("admin")).as("admin is still in camunda-admin").isTrue();
  }

  private void createSpareAdmin() {
    User spare = identity.newUser(SPARE);
    spare.setPassword("Second-Keeper-8642");
    identity.saveUser(spare);
    identity.createMembership(SPARE, ADMINS);
  }

  private void ensureMember(String userId) {
    if (!isMember(userId)) {
      identity.createMembership(userId, ADMINS);
    }
  }

  private boolean isMember(String userId) {
    return identity.createUserQuery().userId(userId).memberOfGroup(ADMINS).count() > 0;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
