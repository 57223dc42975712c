package io.opsdesk.ticket;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Input refused before anything is written. Thrown inside the engine's transaction, it rolls the
 * whole command back; its message names every bad variable, so Tasklist, the engine REST API and
 * the Java API all show the same reason.
 */
public class InvalidInputException extends ProcessEngineException {

  private final Map<String, String> errors;

  public InvalidInputException(String what, Map<String, String> errors) {
    super(what + ": " + errors.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining("; ")));
    this.errors = Map.copyOf(errors);
  }

  /** Variable name to what is wrong with it. */
  public Map<String, String> getErrors() {
    return errors;
  }
}
