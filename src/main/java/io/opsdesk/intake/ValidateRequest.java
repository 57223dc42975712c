package io.opsdesk.intake;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.Instants;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of service-request: refuses a bad start before anything is written. It runs in
 * the starting transaction, so a refusal leaves no process instance, ticket or journal entry,
 * whichever way the start came (Tasklist form, engine REST, Java API, our /api).
 */
@Component("validateRequest")
public class ValidateRequest implements ExecutionListener {

  private final RequestRules rules;

  public ValidateRequest(RequestRules rules) {
    this.rules = rules;
  }

  @Override
  public void notify(DelegateExecution execution) {
    // An empty form field submits "" or null: treat it as not given.
    for (String name : RequestRules.OPTIONAL) {
      if (execution.hasVariable(name) && InputRules.isBlank(execution.getVariable(name))) {
        execution.removeVariable(name);
      }
    }
    Map<String, String> errors = rules.problems(new HashMap<>(execution.getVariables()));
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Service request refused", errors);
    }
    Object occurredAt = execution.getVariable("occurredAt");
    execution.setVariable("occurredAt",
        Date.from(occurredAt == null ? EngineClock.now() : Instants.parse(occurredAt)));
  }
}
