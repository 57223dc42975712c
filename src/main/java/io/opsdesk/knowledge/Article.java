package io.opsdesk.knowledge;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A knowledge article: what the requester saw (symptom), why (root cause) and what fixed it
 * (solution), from the request {@code ticketId}. {@code public} articles are shown to requesters too.
 */
public record Article(
    long id,
    String title,
    String symptom,
    String rootCause,
    String solution,
    String category,
    String keywords,
    @JsonProperty("public") boolean visibleToRequesters,
    String ticketId,
    String author,
    Instant createdAt,
    Instant updatedAt) {
}
