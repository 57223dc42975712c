package io.opsdesk.handling;

import java.util.Map;
import java.util.Set;

import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketRepository;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * POST /api/tickets/{ticketId}/progress {"note": ...}: a handler tells the requester how the work is
 * going, at any time before the request is resolved (see {@link ProgressUpdates}).
 */
@RestController
public class ProgressController {

  private static final Set<TicketStatus> UNRESOLVED = Set.of(TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, TicketStatus.WAITING);

  private final TicketRepository tickets;
  private final ProgressUpdates progress;
  private final IdentityService identity;

  public ProgressController(TicketRepository tickets, ProgressUpdates progress, IdentityService identity) {
    this.tickets = tickets;
    this.progress = progress;
    this.identity = identity;
  }

  @PostMapping("/api/tickets/{ticketId}/progress")
  public ResponseEntity<Void> post(@PathVariable String ticketId, @RequestBody Map<String, Object> body,
      org.springframework.security.core.Authentication caller) {
    Ticket ticket = tickets.find(ticketId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (!Caller.isInAny(caller, ticket.candidateGroup(), OpsDeskGroups.SERVICE_DESK, OpsDeskGroups.SUPERVISORS,
        OpsDeskGroups.ADMINS)) {
      throw new ResponseStatusException(Caller.isStaff(caller) ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND);
    }
    Object note = body.get("note");
    String problem = InputRules.isBlank(note) ? "is required" : InputRules.check("progressNote", note);
    if (problem != null) {
      throw new InvalidInputException("Progress note refused", Map.of("note", problem));
    }
    if (!UNRESOLVED.contains(ticket.status())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Ticket " + ticketId + " is " + ticket.status());
    }
    correlate(ticketId, ((String) note).trim(), caller.getName());
    return ResponseEntity.noContent().build();
  }

  /**
   * Our rule above decides who may post; the engine would ask for UPDATE rights on the instance,
   * which handler groups deliberately do not have. The author travels with the message.
   */
  private void correlate(String ticketId, String note, String author) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      progress.post(ticketId, note, author);
    } catch (MismatchingMessageCorrelationException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Ticket " + ticketId + " is not being worked on");
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
