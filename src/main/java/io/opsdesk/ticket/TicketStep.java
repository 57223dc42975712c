package io.opsdesk.ticket;

/**
 * The lifecycle of a ticket (contract): NEW → ASSIGNED (routed) → IN_PROGRESS (accepted) ⇄ WAITING
 * (paused) → RESOLVED (verified) → CLOSED; a reopen goes RESOLVED → IN_PROGRESS. Nothing else moves a
 * ticket, and each move belongs to one step: {@link TicketTransitions} refuses a step whose ticket is
 * not in the step's {@code from} status.
 */
public enum TicketStep {
  ASSIGN(TicketStatus.NEW, TicketStatus.ASSIGNED),
  ACCEPT(TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS),
  PAUSE(TicketStatus.IN_PROGRESS, TicketStatus.WAITING),
  RESUME(TicketStatus.WAITING, TicketStatus.IN_PROGRESS),
  RESOLVE(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED),
  REOPEN(TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS),
  CLOSE(TicketStatus.RESOLVED, TicketStatus.CLOSED);

  private final TicketStatus from;
  private final TicketStatus to;

  TicketStep(TicketStatus from, TicketStatus to) {
    this.from = from;
    this.to = to;
  }

  public TicketStatus from() {
    return from;
  }

  public TicketStatus to() {
    return to;
  }

  /** The status a ticket in {@code status} has after this step; refused when the step does not start there. */
  public TicketStatus apply(String ticketId, TicketStatus status) {
    if (status != from) {
      throw new IllegalTransitionException("Ticket " + ticketId + " is " + status + ": " + name().toLowerCase()
          + " moves a ticket only from " + from + " to " + to);
    }
    return to;
  }
}
