package io.opsdesk.ticket;

import java.util.EnumSet;
import java.util.Set;

/** A ticket's status; {@link TicketStep} lists the only moves between them. */
public enum TicketStatus {
  NEW, ASSIGNED, IN_PROGRESS, WAITING, RESOLVED, CLOSED;

  /** The statuses one step of the lifecycle leads to from this one. */
  public Set<TicketStatus> next() {
    Set<TicketStatus> next = EnumSet.noneOf(TicketStatus.class);
    for (TicketStep step : TicketStep.values()) {
      if (step.from() == this) {
        next.add(step.to());
      }
    }
    return next;
  }
}
