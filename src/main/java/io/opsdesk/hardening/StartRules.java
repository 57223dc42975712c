package io.opsdesk.hardening;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What a new instance of one process must carry. Register an implementation as a Spring bean and
 * {@link StartValidation} runs it whenever an instance of {@link #processKey()} starts, on every
 * start path, before the first activity; a process owner cannot remove it from the model and
 * {@code skipCustomListeners} does not skip it. One implementation per process key.
 */
public interface StartRules {

  /** The id of the process ({@code <bpmn:process id>}) these rules are for. */
  String processKey();

  /**
   * Checks, and may complete, the start variables of the new instance. Throw an exception (e.g.
   * {@code InvalidInputException} naming each variable) to refuse: the whole start rolls back.
   * Runs in the starting command, so the identity service still knows who is starting it (no one
   * for the job executor or OpsDesk's own background work).
   */
  void check(DelegateExecution start);

  /**
   * The variables a start may carry that some user task of the process also takes as input (e.g.
   * a classification that the triage task asks for when the start left it out). Every other task
   * input given at start is refused: a value seeded at start would otherwise stand in for an input
   * the task's worker never gave.
   */
  default Set<String> alsoTaskInputs() {
    return Set.of();
  }

  /**
   * Puts into {@code errors} every start variable other than {@code allowed}: "is not a start
   * variable of {@code processKey} (only {@code offered})", offered being what a starter may give.
   */
  static void refuseOthers(DelegateExecution start, String processKey, Set<String> allowed, String offered,
      Map<String, String> errors) {
    for (String name : start.getVariableNames()) {
      if (!allowed.contains(name)) {
        errors.put(name, "is not a start variable of " + processKey + " (only " + offered + ")");
      }
    }
  }
}
