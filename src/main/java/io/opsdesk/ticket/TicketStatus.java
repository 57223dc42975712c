package io.opsdesk.ticket;

public enum TicketStatus {
  NEW, ASSIGNED, IN_PROGRESS, WAITING, RESOLVED, CLOSED
}
