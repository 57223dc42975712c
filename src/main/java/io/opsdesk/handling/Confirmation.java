package io.opsdesk.handling;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Who confirms a resolved request: the requester when they have a login, otherwise the service desk for them. */
@Component("confirmation")
public class Confirmation {

  static final String SERVICE_DESK = "service-desk";

  public String assignee(DelegateExecution execution) {
    return (String) execution.getVariable("requesterId");
  }

  public List<String> candidateGroups(DelegateExecution execution) {
    return execution.getVariable("requesterId") == null ? List.of(SERVICE_DESK) : List.of();
  }
}
