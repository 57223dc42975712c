package io.opsdesk.access;

import java.util.List;
import java.util.Map;

/**
 * access.yaml: the grants of each group, the Tasklist filters and the process variables every
 * filter shows on each task card ({@code taskCard}).
 */
public record AccessDefinition(Map<String, List<Grant>> groups, List<CardVariable> taskCard, List<TaskFilter> filters) {

  public AccessDefinition {
    taskCard = taskCard == null ? List.of() : List.copyOf(taskCard);
  }

  /** Permissions on one Camunda resource ({@code id} "*" = all of its kind). */
  public record Grant(String resource, String id, List<String> permissions) {
  }

  public record TaskFilter(String name, String description, int priority, List<String> groups,
      Map<String, Object> query) {
  }

  /** Tasklist's format of a filter's {@code properties.variables} entry. */
  public record CardVariable(String name, String label) {
  }
}
