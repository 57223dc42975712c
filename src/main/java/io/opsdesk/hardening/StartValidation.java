package io.opsdesk.hardening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.opsdesk.handling.TaskInputs;
import io.opsdesk.model.ParseListeners;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs each process's {@link StartRules} as a <em>built-in</em> start listener of the process,
 * added when the model is parsed. Built-in listeners are not in the model and are the only ones
 * {@code skipCustomListeners} keeps, so every start runs them: a plain start, a start form, a
 * message or signal start, a call activity, and a start at chosen activities or a restart (which
 * {@link CommandGuard} leaves to administrators) alike. Camunda fires the process's start event
 * in {@code PvmExecutionImpl.start} (PROCESS_START) and {@code startWithoutExecuting}
 * (FIRE_PROCESS_START) after the start variables are set, and both pass through
 * {@code AbstractEventAtomicOperation}, which keeps built-in listeners when custom ones are skipped.
 * A process whose start event is asynchronous runs its start listeners in the job executor, where
 * nobody is authenticated: start rules that look at the caller need a synchronous start.
 */
@Component
public class StartValidation extends AbstractProcessEnginePlugin {

  private final ObjectProvider<StartRules> rules;
  private volatile Map<String, StartRules> byProcessKey;

  /** The rules beans need engine services, so they are looked up at the first start, not now. */
  public StartValidation(ObjectProvider<StartRules> rules) {
    this.rules = rules;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element element, ProcessDefinitionEntity process) {
        String key = process.getKey();
        // First, so that no listener a model adds sees a start the rules refuse.
        // The task inputs of a parsed definition never change: collected once, at its first start.
        Supplier<Set<String>> taskInputs = SingletonSupplier.of(() -> TaskInputs.declaredIn(process));
        ExecutionListener validation = execution -> check(key, taskInputs.get(), execution);
        process.addBuiltInListener(ExecutionListener.EVENTNAME_START, validation, 0);
      }
    });
  }

  private void check(String processKey, Set<String> taskInputs, DelegateExecution start) {
    StartRules forProcess = rulesByProcessKey().get(processKey);
    Set<String> allowed = forProcess == null ? Set.of() : forProcess.alsoTaskInputs();
    Map<String, String> seeded = new LinkedHashMap<>();
    for (String name : start.getVariableNames()) {
      if (taskInputs.contains(name) && !allowed.contains(name)) {
        seeded.put(name, "is given by the task that asks for it, not at the start");
      }
    }
    if (!seeded.isEmpty()) {
      throw new InvalidInputException("Start of " + processKey + " refused", seeded);
    }
    if (forProcess != null) {
      forProcess.check(start);
    }
  }

  private Map<String, StartRules> rulesByProcessKey() {
    Map<String, StartRules> known = byProcessKey;
    if (known == null) {
      // toMap refuses two rule sets for one process: which one applies would be left to chance.
      known = rules.orderedStream().collect(Collectors.toUnmodifiableMap(StartRules::processKey, Function.identity()));
      byProcessKey = known;
    }
    return known;
  }
}
