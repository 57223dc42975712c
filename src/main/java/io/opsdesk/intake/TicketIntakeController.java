package io.opsdesk.intake;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The online channel (manual 4.1.1): POST /api/tickets opens a service request from one JSON object
 * of the process's start variables. Bad input answers 400 naming each field, before anything is
 * created; the engine's own authorizations decide who may open requests.
 */
@RestController
public class TicketIntakeController {

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final RequestRules rules;

  public TicketIntakeController(RuntimeService runtime, IdentityService identity, RequestRules rules) {
    this.runtime = runtime;
    this.identity = identity;
    this.rules = rules;
  }

  @PostMapping("/api/tickets")
  public ResponseEntity<Map<String, String>> open(@RequestBody Map<String, Object> request, Authentication caller) {
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    request.forEach((name, value) -> {
      if (value instanceof Map || value instanceof Iterable) {
        errors.put(name, "must be text, a number or true/false");
      } else if (value != null && !(value instanceof String s && s.isBlank())) {
        variables.put(name, value);
      }
    });
    if (!Caller.isInAny(caller, OpsDeskGroups.SERVICE_DESK, OpsDeskGroups.ADMINS)) {
      onOwnBehalf(caller.getName(), variables, errors);
    }
    errors.putAll(rules.problems(variables));
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Service request refused", errors);
    }
    ProcessInstance instance = runtime.startProcessInstanceByKey("service-request", variables);
    String ticketId = instance.getBusinessKey();
    return ResponseEntity.created(URI.create("/api/tickets/" + ticketId)).body(Map.of("ticketId", ticketId));
  }

  /** A requester opens requests for themselves: their login is the requester, their profile fills the gaps. */
  private void onOwnBehalf(String userId, Map<String, Object> variables, Map<String, String> errors) {
    Object given = variables.get("requesterId");
    if (given != null && !userId.equals(given)) {
      errors.put("requesterId", "must be your own user id");
      return;
    }
    variables.put("requesterId", userId);
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user != null) {
      String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
          + (user.getLastName() == null ? "" : user.getLastName())).trim();
      variables.putIfAbsent("requesterName", name.isEmpty() ? userId : name);
      if (user.getEmail() != null && !variables.containsKey("requesterPhone")) {
        variables.putIfAbsent("requesterEmail", user.getEmail());
      }
    }
  }
}
