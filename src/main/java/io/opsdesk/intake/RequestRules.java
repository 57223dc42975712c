package io.opsdesk.intake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.Instants;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** What a new service request must carry (contract: process service-request, start variables). */
@Component
public class RequestRules {

  public static final List<String> REQUIRED = List.of("requesterName", "channel", "subject", "description");
  public static final List<String> OPTIONAL = List.of("requesterEmail", "requesterPhone", "requesterId", "assetId",
      "occurredAt", "location", "category", "impact", "urgency");
  /** Set by the process itself; a caller who sends them would forge the SLA or skip steps. */
  public static final List<String> PROCESS_OWNED = List.of("ticketId", "priority", "candidateGroup", "responseDue",
      "resolutionDue", "responseBreached", "resolutionBreached", "reopenCount", "handler", "closeReason", "taskPriority",
      "priorityName");

  private static final Set<String> RULES_APPLY = Stream.of(REQUIRED, OPTIONAL, PROCESS_OWNED)
      .flatMap(List::stream).collect(Collectors.toSet());

  /** Clocks of callers drift; an occurrence slightly in the future is still believed. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final ProcessEngine engine;

  public RequestRules(ProcessEngine engine) {
    this.engine = engine;
  }

  /**
   * The user's profile, whoever asks: the rules look up requesters that the person starting the
   * request (a requester, the service desk) may not read under Camunda's authorizations.
   */
  public Optional<User> user(String userId) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return Optional.ofNullable(configuration.getCommandExecutorTxRequired().execute(context -> context
        .runWithoutAuthorization(() -> engine.getIdentityService().createUserQuery().userId(userId).singleResult())));
  }

  /**
   * Every problem with the given start variables, by variable name; empty when the request may
   * start. Blank values count as absent.
   */
  public Map<String, String> problems(Map<String, Object> variables) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (String name : PROCESS_OWNED) {
      if (variables.containsKey(name)) {
        errors.put(name, "is set by the process and must not be given");
      }
    }
    for (String name : REQUIRED) {
      if (InputRules.isBlank(variables.get(name))) {
        errors.put(name, "is required");
      }
    }
    for (String name : REQUIRED) {
      checkValue(name, variables.get(name), errors);
    }
    for (String name : OPTIONAL) {
      checkValue(name, variables.get(name), errors);
    }
    variables.forEach((name, value) -> {
      // Fields a process owner added to the start form: free text, bounded like the contract's.
      if (!RULES_APPLY.contains(name) && value instanceof String text && text.length() > InputRules.LONG_TEXT) {
        errors.put(name, "must be at most " + InputRules.LONG_TEXT + " characters");
      }
    });
    checkContact(variables, errors);
    checkRequester(variables.get("requesterId"), errors);
    checkOccurrence(variables.get("occurredAt"), errors);
    return errors;
  }

  private static void checkValue(String name, Object value, Map<String, String> errors) {
    if (!InputRules.isBlank(value) && !errors.containsKey(name)) {
      String problem = InputRules.check(name, value);
      if (problem != null) {
        errors.put(name, problem);
      }
    }
  }

  /** A person must be reachable (a phone call leaves its number); a monitoring alert names the asset instead. */
  private static void checkContact(Map<String, Object> variables, Map<String, String> errors) {
    if ("MONITORING".equals(variables.get("channel"))) {
      if (InputRules.isBlank(variables.get("assetId"))) {
        errors.putIfAbsent("assetId", "is required for channel MONITORING");
      }
    } else if ("PHONE".equals(variables.get("channel")) && InputRules.isBlank(variables.get("requesterPhone"))) {
      errors.putIfAbsent("requesterPhone", "is required for channel PHONE: the number that called");
    } else if (InputRules.isBlank(variables.get("requesterEmail")) && InputRules.isBlank(variables.get("requesterPhone"))) {
      errors.putIfAbsent("requesterEmail", "or requesterPhone is required");
    }
  }

  private void checkRequester(Object requesterId, Map<String, String> errors) {
    if (requesterId instanceof String id && !id.isBlank() && !errors.containsKey("requesterId")
        && user(id.trim()).isEmpty()) {
      errors.put("requesterId", "is not a known user ('" + id + "')");
    }
  }

  private static void checkOccurrence(Object occurredAt, Map<String, String> errors) {
    if (!InputRules.isBlank(occurredAt) && !errors.containsKey("occurredAt")
        && Instants.parse(occurredAt).isAfter(EngineClock.now().plus(CLOCK_SKEW))) {
      errors.put("occurredAt", "must not be in the future");
    }
  }
}
