package io.opsdesk.handling;

import java.util.ArrayList;
import java.util.List;

import io.opsdesk.ticket.TicketJournal;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model the same checks and audit trail, declared in the model
 * rather than in Java: the task's extension property {@code inputs} lists the variables completing
 * it takes ("diagnosis, rootCause, consultants?", a trailing ? marks an optional one). Completion
 * is refused while one is missing or malformed; what was entered goes into the ticket's journal,
 * as do claims and reassignments.
 */
@Component
public class TaskInputs extends AbstractProcessEnginePlugin {

  static final String PROPERTY = "inputs";

  private final TicketJournal journal;

  /** Lazy: the journal needs the engine, which needs this plugin first. */
  public TaskInputs(@Lazy TicketJournal journal) {
    this.journal = journal;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        TaskInputListener listener = new TaskInputListener(journal, element.attribute("name", element.attribute("id")),
            TaskInputListener.parse(inputsProperty(element)));
        var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
        definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
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
