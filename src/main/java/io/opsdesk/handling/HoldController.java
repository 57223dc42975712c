package io.opsdesk.handling;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.ticket.IllegalTransitionException;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketRepository;
import io.opsdesk.ticket.TicketStep;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * POST /api/tickets/{ticketId}/pause {"reason", "waitingFor"} and /resume {"note"?}: the request waits
 * for the requester or a vendor, with its SLA clocks stopped, and goes on (see {@link Holds}). For the
 * ticket's handler group, the service desk, supervisors (and administrators).
 */
@RestController
public class HoldController {

  private final TicketRepository tickets;
  private final Holds holds;

  public HoldController(TicketRepository tickets, Holds holds) {
    this.tickets = tickets;
    this.holds = holds;
  }

  @PostMapping("/api/tickets/{ticketId}/pause")
  public ResponseEntity<Void> pause(@PathVariable String ticketId, @RequestBody Map<String, Object> body,
      Authentication caller) {
    Ticket ticket = permitted(ticketId, caller);
    refuseOthers(body, Set.of("reason", "waitingFor"));
    Map<String, String> errors = Holds.check(body.get("waitingFor"), body.get("reason")).entrySet().stream()
        .collect(Collectors.toMap(e -> "holdReason".equals(e.getKey()) ? "reason" : e.getKey(), Map.Entry::getValue));
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Pause refused", errors);
    }
    inStatus(ticket, TicketStep.PAUSE);
    try {
      holds.pause(ticketId, (String) body.get("waitingFor"), ((String) body.get("reason")).trim());
    } catch (IllegalTransitionException e) {
      throw new Conflict(e.getMessage());
    } catch (MismatchingMessageCorrelationException e) {
      throw new Conflict("Ticket " + ticketId + " is not being worked on");
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/tickets/{ticketId}/resume")
  public ResponseEntity<Void> resume(@PathVariable String ticketId, @RequestBody(required = false) Map<String, Object> body,
      Authentication caller) {
    Ticket ticket = permitted(ticketId, caller);
    Map<String, Object> given = body == null ? Map.of() : body;
    refuseOthers(given, Set.of("note"));
    Object note = given.get("note");
    String problem = InputRules.isBlank(note) ? null : InputRules.check("resumeNote", note);
    if (problem != null) {
      throw new InvalidInputException("Resume refused", Map.of("note", problem));
    }
    inStatus(ticket, TicketStep.RESUME);
    boolean resumed;
    try {
      resumed = holds.resume(ticketId, InputRules.isBlank(note) ? null : ((String) note).trim());
    } catch (IllegalTransitionException e) {
      throw new Conflict(e.getMessage());
    }
    if (!resumed) {
      throw new Conflict("Ticket " + ticketId + " has no resume-request task");
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * The ticket, when the caller may pause and resume it. Others learn it exists only when they may
   * read it anyway (staff, its requester): 403 for them, 404 for everybody else.
   */
  private Ticket permitted(String ticketId, Authentication caller) {
    Ticket ticket = tickets.find(ticketId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (!Caller.isInAny(caller, ticket.candidateGroup(), OpsDeskGroups.SERVICE_DESK, OpsDeskGroups.SUPERVISORS,
        OpsDeskGroups.ADMINS)) {
      throw refusal(ticket, caller);
    }
    return ticket;
  }

  /** Not for this caller: 403 when they may read the ticket anyway (staff, its requester), else 404. */
  static ResponseStatusException refusal(Ticket ticket, Authentication caller) {
    boolean mayKnow = Caller.isStaff(caller) || caller.getName().equals(ticket.requesterId());
    return new ResponseStatusException(mayKnow ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND);
  }

  static void refuseOthers(Map<String, Object> body, Set<String> allowed) {
    Map<String, String> unknown = body.keySet().stream().filter(name -> !allowed.contains(name))
        .collect(Collectors.toMap(name -> name, name -> "is not a field of this request"));
    if (!unknown.isEmpty()) {
      throw new InvalidInputException("Unknown fields", unknown);
    }
  }

  /** An action the ticket's state does not allow: 409 with why, in /api's error shape. */
  static final class Conflict extends RuntimeException {
    Conflict(String message) {
      super(message);
    }
  }

  @ExceptionHandler(Conflict.class)
  static ResponseEntity<Map<String, Object>> conflict(Conflict e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(Map.of("type", "IllegalTransitionException", "message", e.getMessage(), "errors", Map.of()));
  }

  /** 409 naming the ticket's status when the step does not start there. */
  private static void inStatus(Ticket ticket, TicketStep step) {
    try {
      step.apply(ticket.ticketId(), ticket.status());
    } catch (IllegalTransitionException e) {
      throw new Conflict(e.getMessage());
    }
  }
}
