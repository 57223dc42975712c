package io.opsdesk.access;

import java.util.List;

import io.opsdesk.access.TaskRightsRule.Need;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRightsRuleTest {

  @ParameterizedTest(name = "{0}: {1} -> {2} (back to owner {3}) needs {4}")
  @CsvSource(nullValues = "-", value = {
      // the engine itself (jobs, the model's own assignments)
      "-,     tech,   senior, false, NOTHING",
      // no change
      "lead,  tech,   tech,   false, NOTHING",
      "lead,  -,      -,      false, NOTHING",
      // taking it for oneself: a claim, also through /assignee, /delegate or an update
      "tech,  -,      tech,   false, OWN_WORK_RIGHT",
      "lead,  tech,   lead,   false, OWN_WORK_RIGHT",
      "lead,  tech,   lead,   true,  OWN_WORK_RIGHT",
      // giving it to someone else
      "tech,  -,      expert, false, TASK_ASSIGN",
      "lead,  tech,   senior, false, TASK_ASSIGN",
      "desk,  tech,   lead,   false, TASK_ASSIGN",
      // taking it from its assignee
      "tech,  expert, -,      false, TASK_ASSIGN",
      // giving one's own task back: unclaim, or a resolved delegation returning to its owner
      "tech,  tech,   -,      false, NOTHING",
      "senior, senior, tech,  true,  NOTHING",
  })
  void assigneeChanges(String caller, String oldAssignee, String newAssignee, boolean backToOwner, Need need) {
    assertThat(TaskRightsRule.assigneeChange(caller, oldAssignee, newAssignee, backToOwner)).isEqualTo(need);
  }

  @ParameterizedTest(name = "{0} links user {1} / group {2}: needs {3}")
  @CsvSource(nullValues = "-", value = {
      "-,    lead,        -,           NOTHING",
      "lead, lead,        -,           OWN_WORK_RIGHT",
      "lead, -,           supervisors, OWN_WORK_RIGHT",
      "lead, senior,      -,           NOTHING",
      "lead, -,           data-support, NOTHING",
  })
  void newLinks(String caller, String userId, String groupId, Need need) {
    assertThat(TaskRightsRule.newLink(caller, List.of("supervisors"), userId, groupId)).isEqualTo(need);
  }

  @Test
  void refusalsSayWhoWhatAndWhy() {
    assertThat(TaskRightsRule.assigneeRefusal(Need.OWN_WORK_RIGHT, "lead", "task 'Diagnose' (1)", "tech", "lead"))
        .contains("'lead'", "task 'Diagnose' (1)", "only its candidates may claim it", "never to oneself");
    assertThat(TaskRightsRule.assigneeRefusal(Need.TASK_ASSIGN, "tech", "task 'Accept request' (2)", null, "expert"))
        .contains("'tech' may claim task 'Accept request' (2) only for themselves", "'expert'", "TASK_ASSIGN");
    assertThat(TaskRightsRule.assigneeRefusal(Need.TASK_ASSIGN, "tech", "task 'Accept request' (2)", "expert", null))
        .contains("away from 'expert'", "TASK_ASSIGN");
    assertThat(TaskRightsRule.linkRefusal("lead", "task 'Diagnose' (1)", null, "supervisors"))
        .contains("their own group 'supervisors'", "candidate of task 'Diagnose' (1)");
  }
}
