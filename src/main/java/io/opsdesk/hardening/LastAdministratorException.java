package io.opsdesk.hardening;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A change that would leave {@code camunda-admin} without a member. A {@link BadUserRequestException},
 * so the engine REST API and the webapps answer it with 400 and this message.
 */
public class LastAdministratorException extends BadUserRequestException {

  public LastAdministratorException(String message) {
    super(message);
  }
}
