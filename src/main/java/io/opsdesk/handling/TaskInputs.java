package io.opsdesk.handling;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsdesk.model.ParseListeners;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model the same checks and audit trail, declared in the model
 * rather than in Java: the task's extension property {@code inputs} lists the variables completing
 * it takes ("diagnosis, rootCause, consultants?": a trailing ? marks an optional one; "articleTitle if
 * publishArticle" one taken only when that Boolean input is true). Completion
 * is refused while one is missing or malformed, and a variable it does not declare is refused
 * before the task is touched ({@link #undeclared}, asked by the engine-level command guard); what
 * was entered goes into the ticket's journal, as do claims and reassignments. The listener is a
 * <em>built-in</em> task listener: it is in no model, and a task created while custom listeners
 * were skipped (instance modification) still has it.
 */
@Component
public class TaskInputs extends AbstractProcessEnginePlugin {

  static final String PROPERTY = "inputs";

  private final TicketRepository tickets;
  private final TicketJournal journal;

  /** Lazy: the journal needs the engine, which needs this plugin first. */
  public TaskInputs(TicketRepository tickets, @Lazy TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        TaskInputListener listener = new TaskInputListener(tickets, journal, element.attribute("name", element.attribute("id")),
            TaskInputListener.parse(inputsProperty(element)));
        var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
      }
    });
  }

  /**
   * The variables among {@code names} that the task's model does not declare in {@code inputs},
   * each with why it is refused; empty when all are declared. A standalone task belongs to no flow
   * and takes any variable.
   */
  public static Map<String, String> undeclared(TaskEntity task, Collection<String> names) {
    TaskDefinition definition = task.getTaskDefinition();
    if (definition == null) {
      return Map.of();
    }
    Set<String> declared = declared(definition);
    Map<String, String> undeclared = new LinkedHashMap<>();
    for (String name : names) {
      if (!declared.contains(name)) {
        undeclared.put(name, "is not an input of task " + task.getTaskDefinitionKey());
      }
    }
    return undeclared;
  }

  /** Every variable some user task of the process takes as input. */
  public static Set<String> declaredIn(ScopeImpl scope) {
    Set<String> names = new HashSet<>();
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior task) {
        names.addAll(declared(task.getTaskDefinition()));
      }
      names.addAll(declaredIn(activity));
    }
    return names;
  }

  private static Set<String> declared(TaskDefinition definition) {
    List<TaskListener> builtIn = definition.getBuiltinTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE);
    return builtIn == null ? Set.of() : builtIn.stream()
        .filter(TaskInputListener.class::isInstance)
        .map(listener -> ((TaskInputListener) listener).names())
        .findFirst().orElse(Set.of());
  }

  private static String inputsProperty(Element task) {
    Element extensions = task.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties != null) {
      for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        if (PROPERTY.equals(property.attribute("name"))) {
          return property.attribute("value");
        }
      }
    }
    return "";
  }
}
