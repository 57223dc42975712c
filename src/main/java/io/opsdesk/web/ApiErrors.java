package io.opsdesk.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** How /api answers what it refuses: the same JSON shape as the engine REST API, bad fields named. */
@RestControllerAdvice(basePackages = "io.opsdesk")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
    return body(HttpStatus.BAD_REQUEST, "InvalidInputException", e.getMessage(), e.getErrors());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
    return body(HttpStatus.BAD_REQUEST, "InvalidInputException", "Bad parameter " + e.getName(),
        Map.of(e.getName(), "is not a valid value ('" + e.getValue() + "')"));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return body(HttpStatus.BAD_REQUEST, "InvalidInputException", "The body must be one JSON object", Map.of());
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Map<String, Object>> forbidden(AuthorizationException e) {
    return body(HttpStatus.FORBIDDEN, "AuthorizationException", "Not allowed", Map.of());
  }

  private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String type, String message,
      Map<String, String> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    body.put("errors", errors);
    return ResponseEntity.status(status).body(body);
  }
}
