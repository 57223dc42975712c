package io.opsdesk.handling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsdesk.hardening.StartRules;
import io.opsdesk.ticket.IllegalTransitionException;
import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketRepository;
import io.opsdesk.ticket.TicketTransitions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The start rules of ticket-reclassification (see {@link StartRules}): the same rights and inputs as
 * POST /api/tickets/{ticketId}/reclassify. The signed-in starter must be in the service desk, the
 * supervisors or the administrators (the grants say so too; this holds if a grant is widened by
 * mistake); {@code ticketId} names a request being handled; category, impact, urgency and
 * {@code reclassifyReason} follow the intake's rules. The instance takes the ticket id as its business
 * key, which is where step reclassify-request reads it: a business key given at the start that names
 * another ticket is refused.
 */
@Component
public class ValidateReclassificationStart implements StartRules {

  static final String PROCESS_KEY = "ticket-reclassification";
  static final String TICKET_ID = "ticketId";
  private static final Set<String> VARIABLES = Set.of(TICKET_ID, "category", "impact", "urgency", Reclassifications.REASON);

  private final TicketRepository tickets;
  private final IdentityService identity;

  public ValidateReclassificationStart(TicketRepository tickets, IdentityService identity) {
    this.tickets = tickets;
    this.identity = identity;
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public void check(DelegateExecution start) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null || caller.getGroupIds() == null
        || caller.getGroupIds().stream().noneMatch(Reclassifications.GROUPS::contains)) {
      throw new AuthorizationException("Only the service desk and supervisors reclassify requests");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    StartRules.refuseOthers(start, PROCESS_KEY, VARIABLES, String.join(", ", VARIABLES.stream().sorted().toList()), errors);
    Object ticketId = start.getVariable(TICKET_ID);
    String problem = ticketProblem(ticketId);
    if (problem != null) {
      errors.put(TICKET_ID, problem);
    } else if (start.getProcessBusinessKey() != null && !start.getProcessBusinessKey().equals(ticketId)) {
      errors.put("businessKey", "is the ticket id; leave it empty or give " + ticketId);
    }
    errors.putAll(Reclassifications.check(start.getVariable("category"), start.getVariable("impact"),
        start.getVariable("urgency"), start.getVariable(Reclassifications.REASON), Reclassifications.REASON));
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Start of " + PROCESS_KEY + " refused", errors);
    }
    start.setProcessBusinessKey((String) ticketId);
  }

  private String ticketProblem(Object ticketId) {
    if (InputRules.isBlank(ticketId)) {
      return "is required";
    }
    if (!(ticketId instanceof String id)) {
      return "must be text";
    }
    Optional<Ticket> ticket = tickets.find(id);
    if (ticket.isEmpty()) {
      return "names no request";
    }
    try {
      TicketTransitions.checkReclassifiable(id, ticket.get().status());
      return null;
    } catch (IllegalTransitionException e) {
      return e.getMessage();
    }
  }
}
