package io.opsdesk.access;

import java.util.List;
import java.util.Map;

/** access.yaml: the grants of each group and the Tasklist filters. */
public record AccessDefinition(Map<String, List<Grant>> groups, List<TaskFilter> filters) {

  /** Permissions on one Camunda resource ({@code id} "*" = all of its kind). */
  public record Grant(String resource, String id, List<String> permissions) {
  }

  public record TaskFilter(String name, String description, int priority, List<String> groups,
      Map<String, Object> query) {
  }
}
