package io.opsdesk.ticket;

import io.opsdesk.identity.OpsDeskGroups;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/tickets")
public class TicketController {

  private final TicketRepository tickets;
  private final TicketJournal journal;

  public TicketController(TicketRepository tickets, TicketJournal journal) {
    this.tickets = tickets;
    this.journal = journal;
  }

  /** Staff read every ticket; anybody else only those they requested. Others' tickets are "not found". */
  @GetMapping("/{ticketId}")
  public TicketView get(@PathVariable String ticketId, Authentication caller) {
    Ticket ticket = tickets.find(ticketId)
        .filter(t -> isStaff(caller) || caller.getName().equals(t.requesterId()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No ticket " + ticketId));
    return TicketView.of(ticket, journal.entries(ticketId));
  }

  static boolean isStaff(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(OpsDeskGroups.STAFF::contains);
  }
}
