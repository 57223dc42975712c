package io.opsdesk.handling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Puts a request on hold and resumes it. On hold: the message PutOnHold starts the model's "On hold"
 * event subprocess (pause the SLA clocks, then task "resume-request" for the handler); completing
 * that task resumes. A handler puts a request on hold from the Diagnose or Resolve form (optional
 * "waiting for" choice; that step then comes back) or through /api, which leaves the open task as
 * it is; /api's resume completes the resume-request task.
 */
@Component("holds")
public class Holds {

  static final String MESSAGE = "PutOnHold";
  static final String RESUME_TASK = "resume-request";
  static final String WAITING_FOR = "waitingFor";
  static final String HOLD_REASON = "holdReason";
  static final String STEP_ON_HOLD = "stepOnHold";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ProcessEngine engine;

  public Holds(@Lazy RuntimeService runtime, @Lazy TaskService tasks, @Lazy ProcessEngine engine) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.engine = engine;
  }

  /**
   * Complete listener of tasks "diagnose" and "resolve": a "waiting for" choice puts the request on
   * hold, and the step is not done (the task's other inputs were not asked, see TaskInputListener):
   * the transient {@value #STEP_ON_HOLD} tells the model's gateway after the task to offer it again.
   */
  public void fromForm(DelegateTask task) {
    Object waitingFor = task.getVariable(WAITING_FOR);
    Object reason = task.getVariable(HOLD_REASON);
    task.removeVariable(WAITING_FOR);
    task.removeVariable(HOLD_REASON);
    if (InputRules.isBlank(waitingFor) && InputRules.isBlank(reason)) {
      return;
    }
    Map<String, String> errors = check(waitingFor, reason);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " not completed", errors);
    }
    putOnHold(runtime.createMessageCorrelation(MESSAGE).processInstanceId(task.getProcessInstanceId()),
        (String) waitingFor, ((String) reason).trim());
    // Transient: it lives until the next wait state, so it decides this completion's way only.
    task.getExecution().setVariableLocal(STEP_ON_HOLD, Variables.booleanValue(true, true));
  }

  /** What is wrong with a hold's inputs, by variable name; empty when both are fine. */
  static Map<String, String> check(Object waitingFor, Object reason) {
    Map<String, String> errors = new LinkedHashMap<>();
    String waitingProblem = InputRules.isBlank(waitingFor) ? "is required" : InputRules.check(WAITING_FOR, waitingFor);
    if (waitingProblem != null) {
      errors.put(WAITING_FOR, waitingProblem);
    }
    String reasonProblem = InputRules.isBlank(reason) ? "is required" : InputRules.check(HOLD_REASON, reason);
    if (reasonProblem != null) {
      errors.put(HOLD_REASON, reasonProblem);
    }
    return errors;
  }

  /**
   * Puts the request with this business key on hold as the calling user. The caller's rights were
   * checked by /api; the engine would ask for UPDATE on the instance, which handler groups do not have.
   */
  void pause(String ticketId, String waitingFor, String reason) {
    withoutEngineChecks(() -> {
      putOnHold(runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(ticketId), waitingFor, reason);
      return null;
    });
  }

  /** Resumes the request as the calling user: completes its resume-request task; false when it has none. */
  boolean resume(String ticketId, String note) {
    return withoutEngineChecks(() -> {
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(ticketId).taskDefinitionKey(RESUME_TASK).singleResult();
      if (task == null) {
        return false;
      }
      tasks.complete(task.getId(), note == null ? Map.of() : Map.of("resumeNote", note));
      return true;
    });
  }

  /** Who and why live in the subprocess that pauses, and end with it. */
  private static void putOnHold(MessageCorrelationBuilder message, String waitingFor, String reason) {
    message.setVariableToTriggeredScope(WAITING_FOR, waitingFor)
        .setVariableToTriggeredScope(HOLD_REASON, reason)
        .correlateWithResult();
  }

  private <T> T withoutEngineChecks(Supplier<T> work) {
    return AsCaller.withoutEngineChecks(engine, work);
  }
}
