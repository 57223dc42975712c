package io.opsdesk.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine REST API reports any engine exception from a start or a task completion as 500. Input
 * we refused is the caller's mistake: answer 400, with each bad variable named. Everything else is
 * left to Camunda's own handler.
 */
@Provider
@Priority(1)
public class RefusedInputMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException refusal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", InvalidInputException.class.getSimpleName());
        body.put("message", refusal.getMessage());
        body.put("errors", refusal.getErrors());
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
      }
    }
    return camunda.toResponse(exception);
  }
}
