package io.opsdesk.access;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The caller's groups reach the engine's authorization checks as they are, without a scan of all grants. */
class CallerGroupsTest extends OpsDeskTest {

  private static final List<String> FEW = List.of("hardware-support", "a-group-without-grants", "hardware-support");
  private static final List<String> MANY = Stream.concat(Stream.of("hardware-support"),
      IntStream.range(0, CallerGroups.MAX_GROUPS).mapToObj(i -> "group-without-grants-" + i)).toList();

  @Test
  void aFewGroupsAreCheckedAsGivenAndManyAreNarrowedToThoseWithGrants() {
    assertThat(inCommand(manager -> manager.filterAuthenticatedGroupIds(FEW)))
        .containsExactly("hardware-support", "a-group-without-grants");
    assertThat(inCommand(manager -> manager.filterAuthenticatedGroupIds(MANY))).containsExactly("hardware-support");
  }

  @Test
  void aCallerSeesTheTasksOfTheirGroupsWithGrantsWhateverElseTheyBelongTo() {
    Task accept = openTask(start("desk", phoneCall()), "accept"); // offered to hardware-support
    assertThat(visibleAs(FEW, accept)).isOne();
    assertThat(visibleAs(MANY, accept)).isOne();
    assertThat(visibleAs(MANY.subList(1, MANY.size()), accept)).isZero();
    assertThat(visibleAs(FEW.subList(1, 2), accept)).isZero();
  }

  private long visibleAs(List<String> groups, Task task) {
    identity.setAuthentication("someone", groups);
    try {
      return taskService.createTaskQuery().taskId(task.getId()).count();
    } finally {
      identity.clearAuthentication();
    }
  }

  private List<String> inCommand(Function<AuthorizationManager, List<String>> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> work.apply(context.getAuthorizationManager()));
  }
}
