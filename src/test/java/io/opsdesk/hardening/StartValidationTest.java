package io.opsdesk.hardening;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/**
 * Start rules are per process key: each process parsed gets a built-in start listener running the
 * rules registered for its key, first among its start listeners, and nothing for a process
 * without rules. (That the engine runs built-in listeners on every start path, skipped listeners
 * or not, is shown end to end by ForgedFlowPositionAttackTest.)
 */
class StartValidationTest {

  private final List<String> checked = new ArrayList<>();

  @Test
  void eachProcessRunsItsOwnRulesFirst() throws Exception {
    BpmnParseListener parse = parseListenerOf(rules("daily-inspection"), rules("data-backup"));
    ProcessDefinitionEntity inspection = parsed(parse, "daily-inspection");
    ProcessDefinitionEntity other = parsed(parse, "no-rules");

    startListenersOf(inspection).get(0).notify(mock(DelegateExecution.class));
    for (ExecutionListener listener : startListenersOf(other)) {
      listener.notify(mock(DelegateExecution.class));
    }

    assertThat(checked).containsExactly("daily-inspection");
    assertThat(inspection.getBuiltInListeners(ExecutionListener.EVENTNAME_START)).hasSize(1);
  }

  @Test
  void twoRuleSetsForOneProcessAreRefused() {
    BpmnParseListener parse = parseListenerOf(rules("data-backup"), rules("data-backup"));
    ProcessDefinitionEntity backup = parsed(parse, "data-backup");

    assertThatThrownBy(() -> startListenersOf(backup).get(0).notify(mock(DelegateExecution.class)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("data-backup");
  }

  private StartRules rules(String processKey) {
    return new StartRules() {
      @Override
      public String processKey() {
        return processKey;
      }

      @Override
      public void check(DelegateExecution start) {
        checked.add(processKey);
      }
    };
  }

  private static BpmnParseListener parseListenerOf(StartRules... rules) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    for (int i = 0; i < rules.length; i++) {
      beans.addBean("rules" + i, rules[i]);
    }
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    new StartValidation(beans.getBeanProvider(StartRules.class)).preInit(configuration);
    return configuration.getCustomPostBPMNParseListeners().get(0);
  }

  private static ProcessDefinitionEntity parsed(BpmnParseListener parse, String key) {
    ProcessDefinitionEntity process = new ProcessDefinitionEntity();
    process.setKey(key);
    process.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> { });
    parse.parseProcess(null, process);
    return process;
  }

  private static List<ExecutionListener> startListenersOf(ProcessDefinitionEntity process) {
    return process.getListeners(ExecutionListener.EVENTNAME_START).stream().map(ExecutionListener.class::cast).toList();
  }
}
