package io.opsdesk.ticket;

import java.util.List;

/**
 * Who reads tickets through /api: a user with their groups. {@code readsAll} when their groups may read
 * every request (access.yaml); otherwise they see the requests they are a recorded reader of.
 */
public record TicketReader(String userId, List<String> groups, boolean readsAll) {
}
