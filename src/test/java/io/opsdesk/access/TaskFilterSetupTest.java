package io.opsdesk.access;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.hardening.Http;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The Tasklist filters of access.yaml as people get them: card variables, supervisors' views, upgrades. */
class TaskFilterSetupTest extends OpsDeskTest {

  static final String ALL_OPEN = "所有未完成 All open";
  static final String UNASSIGNED = "未分配 Unassigned";

  @Autowired AccessSetup accessSetup;

  @Test
  void everyFilterShowsTheTicketOnEachTaskCard() throws Exception {
    Http lead = Http.session(rest.getRootUri(), "lead", "lead");
    JsonNode filters = new ObjectMapper().readTree(
        lead.send("GET", "/camunda/api/engine/engine/default/filter?resourceType=Task", null).body());
    assertThat(filters).extracting(f -> f.get("name").asText())
        .contains("我的任务 My tasks", "我的组 My group", ALL_OPEN, UNASSIGNED, "已超时 Breached", "紧急 Urgent");
    for (JsonNode filter : filters) {
      assertThat(filter.at("/properties/variables")).as(filter.get("name").asText())
          .extracting(v -> v.get("name").asText() + "=" + v.get("label").asText())
          .containsExactly("ticketId=工单 Ticket", "priorityName=优先级 Priority", "subject=主题 Subject");
    }
  }

  @Test
  void supervisorsSeeAllOpenAndUnassignedWorkOthersDoNot() throws Exception {
    ProcessInstance instance = start("desk", phoneCall());
    Task accept = openTask(instance, "accept");
    assertThat(accept.getAssignee()).isNull();

    Http lead = Http.session(rest.getRootUri(), "lead", "lead");
    for (String name : List.of(ALL_OPEN, UNASSIGNED)) {
      String id = filterId(name);
      JsonNode tasks = new ObjectMapper().readTree(lead.send("POST",
          "/camunda/api/engine/engine/default/filter/" + id + "/list?maxResults=1000", "{}").body());
      assertThat(tasks).as(name + " as lead").extracting(t -> t.get("id").asText()).contains(accept.getId());
    }
    for (String user : List.of("desk", "tech", "alice")) {
      assertThat(as(user, () -> filters().createFilterQuery().list())).as("filters of " + user)
          .extracting(Filter::getName).doesNotContain(ALL_OPEN, UNASSIGNED);
    }

    // Once a handler has it, the task leaves "Unassigned" and stays in "All open".
    taskService.setAssignee(accept.getId(), "tech");
    assertThat(as("lead", () -> filters().list(filterId(UNASSIGNED)))).extracting(t -> ((Task) t).getId())
        .doesNotContain(accept.getId());
    assertThat(as("lead", () -> filters().list(filterId(ALL_OPEN)))).extracting(t -> ((Task) t).getId())
        .contains(accept.getId());
  }

  @Test
  void anUpgradeBringsExistingFiltersUpToDate() {
    Filter urgent = filters().createFilterQuery().filterName("紧急 Urgent").singleResult();
    String id = urgent.getId();
    // As an older release left it: no card variables, another query; a colour a user chose stays.
    urgent.setProperties(Map.of("description", "old", "priority", 0, "color", "#ff0000"));
    urgent.setQuery(engine.getTaskService().createTaskQuery().taskName("old"));
    filters().saveFilter(urgent);
    Filter unassigned = filters().createFilterQuery().filterName(UNASSIGNED).singleResult();
    filters().deleteFilter(unassigned.getId());

    accessSetup.postProcessEngineBuild(engine);

    assertThat(filters().createFilterQuery().filterName("紧急 Urgent").list()).extracting(Filter::getId).containsExactly(id);
    Filter upgraded = filters().getFilter(id);
    assertThat(upgraded.getProperties()).containsEntry("description", "Open tasks of URGENT requests")
        .containsEntry("priority", 5).containsEntry("color", "#ff0000");
    assertThat((List<?>) upgraded.getProperties().get("variables")).hasSize(3);
    TaskQueryImpl query = upgraded.getQuery();
    assertThat(query.getName()).isNull();
    assertThat(query.getVariables()).extracting(v -> v.getName() + "=" + v.getValue())
        .containsExactly("priority=URGENT");
    assertThat(filters().createFilterQuery().filterName(UNASSIGNED).count()).isEqualTo(1);
    assertThat(as("lead", () -> filters().createFilterQuery().filterName(UNASSIGNED).count()))
        .as("the re-created filter is the supervisors' again").isEqualTo(1);
  }

  private FilterService filters() {
    return engine.getFilterService();
  }

  private String filterId(String name) {
    return filters().createFilterQuery().filterName(name).singleResult().getId();
  }
}
