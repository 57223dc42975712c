package io.opsdesk.ticket;

import java.time.Instant;

/** Filters of GET /api/tickets; null means "any". Only tickets the reader may read are ever found. */
public record TicketSearch(
    TicketReader reader,
    TicketStatus status,
    String priority,
    String category,
    String requesterId,
    Boolean breached,
    Instant createdFrom,
    Instant createdBefore,
    int page,
    int size) {
}
