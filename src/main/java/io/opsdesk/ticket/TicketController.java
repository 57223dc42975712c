package io.opsdesk.ticket;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.identity.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/tickets")
public class TicketController {

  static final int MAX_PAGE_SIZE = 100;

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
        .filter(t -> Caller.isStaff(caller) || caller.getName().equals(t.requesterId()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No ticket " + ticketId));
    return new TicketView(ticket, journal.entries(ticketId));
  }

  /**
   * Tickets, newest first, one page at a time. Dates are days in the server's zone, both inclusive.
   * A requester's list holds only their own tickets, whatever the filter says.
   */
  @GetMapping
  public Map<String, Object> list(
      @RequestParam(required = false) TicketStatus status,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String requester,
      @RequestParam(required = false) Boolean breached,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdTo,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      Authentication caller) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (priority != null && !Vocabulary.PRIORITIES.contains(priority)) {
      errors.put("priority", "must be one of " + String.join(", ", Vocabulary.PRIORITIES));
    }
    if (category != null && !Vocabulary.CATEGORIES.contains(category)) {
      errors.put("category", "must be one of " + String.join(", ", Vocabulary.CATEGORIES));
    }
    if (page < 0) {
      errors.put("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.put("size", "must be from 1 to " + MAX_PAGE_SIZE);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Bad ticket query", errors);
    }
    ZoneId zone = ZoneId.systemDefault();
    TicketSearch search = new TicketSearch(status, priority, category,
        Caller.isStaff(caller) ? requester : caller.getName(), breached,
        createdFrom == null ? null : createdFrom.atStartOfDay(zone).toInstant(),
        createdTo == null ? null : createdTo.plusDays(1).atStartOfDay(zone).toInstant(), page, size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", tickets.search(search));
    body.put("page", page);
    body.put("size", size);
    body.put("total", tickets.count(search));
    return body;
  }
}
