package io.opsdesk.ticket;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A step tried to move a ticket in a way its lifecycle does not allow, or acted on a process instance
 * that has no ticket. Thrown inside the step's transaction, it rolls the whole step back.
 */
public class IllegalTransitionException extends ProcessEngineException {

  public IllegalTransitionException(String message) {
    super(message);
  }
}
