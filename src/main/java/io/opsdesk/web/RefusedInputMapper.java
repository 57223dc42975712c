package io.opsdesk.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine REST API reports any engine exception from a start or a task completion as 500. Input
 * we refused, and a Java-serialized value Camunda refused, is the caller's mistake: answer 400, with
 * each bad variable named. So is a request the engine itself calls bad (e.g. skipping listeners on a
 * plain start). Everything else is left to Camunda's own handler. Registered on /engine-rest and,
 * through a context parameter, on the webapps' engine API.
 */
@Provider
@Priority(1)
public class RefusedInputMapper implements ExceptionMapper<RestException> {

  /** Camunda's own refusal of a Java-serialized variable value: nothing was stored, and the caller is to blame. */
  private static final Pattern JAVA_SERIALIZATION =
      Pattern.compile("ENGINE-17007 Cannot set variable with name (.+?)\\. Java serialization format is prohibited");

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException refusal) {
        return badRequest(InvalidInputException.class.getSimpleName(), refusal.getMessage(), refusal.getErrors());
      }
      Matcher javaSerialized = JAVA_SERIALIZATION.matcher(String.valueOf(cause.getMessage()));
      if (cause instanceof ProcessEngineException && javaSerialized.find()) {
        return badRequest(InvalidInputException.class.getSimpleName(), javaSerialized.group(),
            Map.of(javaSerialized.group(1), "may not be Java-serialized"));
      }
    }
    if (exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR
        && exception.getCause() instanceof BadUserRequestException bad) {
      // The engine's own words: the REST layer's "Cannot instantiate process definition <id>:" in front means
      // nothing to the person reading it in Tasklist.
      return badRequest(BadUserRequestException.class.getSimpleName(), bad.getMessage(), Map.of());
    }
    return camunda.toResponse(exception);
  }

  /** The same answer when a refusal reaches JAX-RS unwrapped (resolving a task, a task's BPMN error or escalation). */
  @Provider
  @Priority(1)
  public static class Unwrapped implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException refusal) {
      return badRequest(InvalidInputException.class.getSimpleName(), refusal.getMessage(), refusal.getErrors());
    }
  }

  private static Response badRequest(String type, String message, Map<String, String> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    body.put("errors", errors);
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
