package io.opsdesk.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.impl.util.JsonUtil;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Applies access.yaml when the engine starts: the groups' authorizations and the Tasklist filters.
 * {@code opsdesk.access-file} may point to an edited copy outside the jar.
 */
@Component
public class AccessSetup extends AbstractProcessEnginePlugin {

  private final String location;

  public AccessSetup(@Value("${opsdesk.access-file:classpath:access.yaml}") String location) {
    this.location = location;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    AccessDefinition definition = read();
    AuthorizationService authorizations = engine.getAuthorizationService();
    definition.groups().forEach((group, grants) -> grants.forEach(grant -> apply(authorizations, group, grant)));
    definition.filters().forEach(filter -> ensure(engine.getFilterService(), authorizations, filter,
        definition.taskCard()));
  }

  AccessDefinition read() {
    var resource = new DefaultResourceLoader().getResource(location);
    try (InputStream in = resource.getInputStream()) {
      return new ObjectMapper(new YAMLFactory()).readValue(in, AccessDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the access definition " + location, e);
    }
  }

  private static void apply(AuthorizationService authorizations, String group, AccessDefinition.Grant grant) {
    Resources resource = Resources.valueOf(grant.resource());
    Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(group)
        .resourceType(resource).resourceId(grant.id()).singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(grant.id());
    }
    authorization.setPermissions(new Permission[] {Permissions.NONE});
    for (String name : grant.permissions()) {
      authorization.addPermission(permission(name, resource));
    }
    authorizations.saveAuthorization(authorization);
  }

  private static Permission permission(String name, Resources resource) {
    Permission permission = ResourceTypeUtil.getPermissionByNameAndResourceType(name, resource.resourceType());
    if (permission == null) {
      throw new IllegalArgumentException("access.yaml: no permission " + name + " on " + resource.resourceName());
    }
    return permission;
  }

  /**
   * Creates the filter when missing and brings an existing one (from an older access.yaml) up to
   * date, so that an upgrade shows new card variables and queries in filters users already have.
   */
  private static void ensure(FilterService filters, AuthorizationService authorizations,
      AccessDefinition.TaskFilter definition, List<AccessDefinition.CardVariable> taskCard) {
    Filter filter = filters.createFilterQuery().filterName(definition.name()).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(definition.name());
    }
    Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties() == null ? Map.of() : filter.getProperties());
    properties.put("description", definition.description());
    properties.put("priority", definition.priority());
    properties.put("refresh", true);
    properties.put("variables", taskCard.stream()
        .map(variable -> Map.of("name", variable.name(), "label", variable.label())).toList());
    filter.setProperties(properties);
    filter.setQuery(query(definition.query()));
    filters.saveFilter(filter);
    for (String group : definition.groups()) {
      apply(authorizations, group, new AccessDefinition.Grant(Resources.FILTER.name(), filter.getId(), List.of("READ")));
    }
  }

  private static TaskQuery query(Map<String, Object> json) {
    try {
      String text = new ObjectMapper().writeValueAsString(json);
      return new JsonTaskQueryConverter().toObject(JsonUtil.asObject(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
