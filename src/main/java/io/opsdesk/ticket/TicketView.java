package io.opsdesk.ticket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A ticket as /api answers it: the record's fields and its journal. */
public record TicketView(@JsonUnwrapped Ticket ticket, List<JournalEntry> journal) {
}
