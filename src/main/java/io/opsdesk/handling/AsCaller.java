package io.opsdesk.handling;

import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Work /api does for a caller whose rights /api checked already: in one engine transaction, still as
 * the calling user (journal lines name them), without the engine's own authorization checks (the
 * engine would ask for UPDATE on the instance, which handler groups do not have).
 */
final class AsCaller {

  private AsCaller() {
  }

  static <T> T withoutEngineChecks(ProcessEngine engine, Supplier<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(work::get));
  }
}
