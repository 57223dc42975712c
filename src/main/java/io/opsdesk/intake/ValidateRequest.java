package io.opsdesk.intake;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.opsdesk.hardening.StartRules;
import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.Instants;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The start rules of service-request, run by the engine on every start (see {@link StartRules}):
 * refuses a bad start before anything is written, whichever way it came (Tasklist form, engine
 * REST, the webapps' API, the Java API, our /api). A request is in its requester's own name: an
 * authenticated caller outside the service desk and the administrators gets her Camunda profile
 * (user id, name, email) in place of whatever she sent; a phone number she gives is kept, and a
 * channel she leaves empty is WEB (she is at a screen). The service desk must say how the request
 * came in. Starts
 * without an authenticated user (the mail intake, whose sender is the requester) keep their
 * variables.
 */
@Component
public class ValidateRequest implements StartRules {

  static final String PROCESS_KEY = "service-request";

  /** Who records requests for other people: the service desk takes calls, administrators anything. */
  private static final List<String> REQUEST_FOR_OTHERS = List.of(OpsDeskGroups.SERVICE_DESK, OpsDeskGroups.ADMINS);

  private final RequestRules rules;
  private final IdentityService identity;

  public ValidateRequest(RequestRules rules, IdentityService identity) {
    this.rules = rules;
    this.identity = identity;
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  /** The classification: given at the start, or asked for by the triage task when the start left it out. */
  @Override
  public Set<String> alsoTaskInputs() {
    return Set.of("category", "impact", "urgency");
  }

  @Override
  public void check(DelegateExecution start) {
    Map<String, Object> given = start.getVariables();
    Map<String, Object> request = prepared(given);
    Map<String, String> errors = rules.problems(request);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Service request refused", errors);
    }
    given.keySet().stream().filter(name -> !request.containsKey(name)).forEach(start::removeVariable);
    request.forEach((name, value) -> {
      if (!Objects.equals(given.get(name), value)) {
        start.setVariable(name, value);
      }
    });
    Object occurredAt = request.get("occurredAt");
    start.setVariable("occurredAt", Date.from(occurredAt == null ? EngineClock.now() : Instants.parse(occurredAt)));
  }

  /**
   * Every problem a start with these variables by the current caller would be refused for, by
   * variable name; for /api, which reports them together with problems of its own.
   */
  public Map<String, String> problems(Map<String, Object> variables) {
    return rules.problems(prepared(variables));
  }

  /** The start variables as the rules judge them: blanks dropped, a requester's own profile filled in. */
  private Map<String, Object> prepared(Map<String, Object> variables) {
    Map<String, Object> request = new HashMap<>(variables);
    // An empty form field submits "" or null: treat it as not given.
    RequestRules.OPTIONAL.forEach(name -> {
      if (InputRules.isBlank(request.get(name))) {
        request.remove(name);
      }
    });
    Authentication caller = identity.getCurrentAuthentication();
    if (caller != null && caller.getUserId() != null && !mayRequestForOthers(caller)) {
      inOwnName(caller.getUserId(), request);
    }
    return request;
  }

  private static boolean mayRequestForOthers(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().stream().anyMatch(REQUEST_FOR_OTHERS::contains);
  }

  private void inOwnName(String userId, Map<String, Object> request) {
    if (InputRules.isBlank(request.get("channel"))) {
      request.put("channel", "WEB");
    }
    request.put("requesterId", userId);
    request.remove("requesterEmail");
    User user = rules.user(userId).orElse(null);
    String name = user == null ? "" : (Objects.toString(user.getFirstName(), "") + " "
        + Objects.toString(user.getLastName(), "")).trim();
    request.put("requesterName", name.isEmpty() ? userId : name);
    if (user != null && !InputRules.isBlank(user.getEmail())) {
      request.put("requesterEmail", user.getEmail());
    }
  }
}
