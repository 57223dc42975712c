package io.opsdesk.intake;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The online channel (manual 4.1.1): POST /api/tickets opens a service request from one JSON object
 * of the process's start variables. Bad input answers 400 naming each field, before anything is
 * created. What a request must carry, and in whose name it is, is decided by the engine's start
 * rules ({@link ValidateRequest}) as for every other channel; this controller only refuses what
 * JSON can say and a start variable cannot (objects, arrays). The engine's own authorizations
 * decide who may open requests.
 */
@RestController
public class TicketIntakeController {

  private final RuntimeService runtime;
  private final ValidateRequest validation;

  public TicketIntakeController(RuntimeService runtime, ValidateRequest validation) {
    this.runtime = runtime;
    this.validation = validation;
  }

  @PostMapping("/api/tickets")
  public ResponseEntity<Map<String, String>> open(@RequestBody Map<String, Object> request) {
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    request.forEach((name, value) -> {
      if (value instanceof Map || value instanceof Iterable) {
        errors.put(name, "must be text, a number or true/false");
      } else if (value != null && !(value instanceof String s && s.isBlank())) {
        variables.put(name, value);
      }
    });
    if (!errors.isEmpty()) {
      // Name the other problems too, as the start would, rather than one round trip each.
      validation.problems(variables).forEach(errors::putIfAbsent);
      throw new InvalidInputException("Service request refused", errors);
    }
    ProcessInstance instance = runtime.startProcessInstanceByKey(ValidateRequest.PROCESS_KEY, variables);
    String ticketId = instance.getBusinessKey();
    return ResponseEntity.created(URI.create("/api/tickets/" + ticketId)).body(Map.of("ticketId", ticketId));
  }
}
