package io.opsdesk.ticket;

import java.time.Instant;

/** One line of a ticket's history: when, who, what kind of event and what happened. */
public record JournalEntry(Instant time, String actor, String kind, String text) {
}
