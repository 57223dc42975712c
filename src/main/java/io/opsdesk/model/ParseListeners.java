package io.opsdesk.model;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * OpsDesk's engine-level behaviour that every model gets without naming it (start rules, task
 * inputs) is added while the engine parses a model, after Camunda's own parsing.
 */
public final class ParseListeners {

  private ParseListeners() {
  }

  /** Call from a plugin's {@code preInit}: other plugins' listeners are kept. */
  public static void add(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(listener);
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
