package io.opsdesk.handling;

import java.util.Map;
import java.util.Set;

import io.opsdesk.identity.Caller;
import io.opsdesk.ticket.IllegalTransitionException;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketRepository;
import io.opsdesk.ticket.TicketTransitions;
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
 * POST /api/tickets/{ticketId}/reclassify {"category", "impact", "urgency", "reason"}: priority,
 * handler group and SLA due times computed again (see {@link Reclassifications}). For the service desk
 * and supervisors (and administrators) only: the handler group does not re-rate its own work.
 */
@RestController
public class ReclassifyController {

  private final TicketRepository tickets;
  private final Reclassifications reclassifications;

  public ReclassifyController(TicketRepository tickets, Reclassifications reclassifications) {
    this.tickets = tickets;
    this.reclassifications = reclassifications;
  }

  @PostMapping("/api/tickets/{ticketId}/reclassify")
  public ResponseEntity<Void> reclassify(@PathVariable String ticketId, @RequestBody Map<String, Object> body,
      Authentication caller) {
    Ticket ticket = tickets.find(ticketId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (!Caller.isInAny(caller, Reclassifications.GROUPS.toArray(String[]::new))) {
      throw HoldController.refusal(ticket, caller);
    }
    HoldController.refuseOthers(body, Set.of("category", "impact", "urgency", "reason"));
    Map<String, String> errors = Reclassifications.check(body.get("category"), body.get("impact"), body.get("urgency"),
        body.get("reason"));
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Reclassification refused", errors);
    }
    try {
      TicketTransitions.checkReclassifiable(ticketId, ticket.status());
      reclassifications.reclassify(ticketId, (String) body.get("category"), (String) body.get("impact"),
          (String) body.get("urgency"), ((String) body.get("reason")).trim());
    } catch (IllegalTransitionException e) {
      throw new HoldController.Conflict(e.getMessage());
    } catch (MismatchingMessageCorrelationException e) {
      throw new HoldController.Conflict("Ticket " + ticketId + " is not being handled");
    }
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(HoldController.Conflict.class)
  ResponseEntity<Map<String, Object>> conflict(HoldController.Conflict e) {
    return HoldController.conflict(e);
  }
}
