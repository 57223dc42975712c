package io.opsdesk.ticket;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.identity.Caller;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
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
  private final AuthorizationService authorizations;

  public TicketController(TicketRepository tickets, TicketJournal journal, AuthorizationService authorizations) {
    this.tickets = tickets;
    this.journal = journal;
    this.authorizations = authorizations;
  }

  /** A ticket the caller may read (see {@link #reader}); any other is "not found", whether it exists or not. */
  @GetMapping("/{ticketId}")
  public TicketView get(@PathVariable String ticketId, Authentication caller) {
    Ticket ticket = tickets.findReadable(ticketId, reader(caller))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No ticket " + ticketId));
    return new TicketView(ticket, journal.entries(ticketId));
  }

  /**
   * Need-to-know, as the engine decides it: groups that may read every process instance (access.yaml:
   * supervisors, service desk, administrators) read every ticket; everybody else the requests they were
   * granted (their own, their handler group's, those they were consulted on).
   */
  private TicketReader reader(Authentication caller) {
    List<String> groups = List.copyOf(Caller.groups(caller));
    return new TicketReader(caller.getName(), groups,
        authorizations.isUserAuthorized(caller.getName(), groups, Permissions.READ, Resources.PROCESS_INSTANCE));
  }

  /**
   * Tickets, newest first, one page at a time. Dates are days in the server's zone, both inclusive.
   * The list holds only the tickets the caller may read, whatever the filter says.
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
    TicketSearch search = new TicketSearch(reader(caller), status, priority, category, requester, breached,
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
