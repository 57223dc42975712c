package io.opsdesk.ticket;

import java.time.Instant;
import java.util.List;

/** A ticket as /api answers it: the record and its journal. */
public record TicketView(
    String ticketId,
    TicketStatus status,
    String closeReason,
    String priority,
    String category,
    String impact,
    String urgency,
    String channel,
    String subject,
    String description,
    String requesterName,
    String requesterEmail,
    String requesterPhone,
    String requesterId,
    String assetId,
    String location,
    Instant occurredAt,
    String candidateGroup,
    String handler,
    Instant createdAt,
    Instant classifiedAt,
    Instant acceptedAt,
    Instant resolvedAt,
    Instant closedAt,
    Instant responseDue,
    Instant resolutionDue,
    boolean responseBreached,
    boolean resolutionBreached,
    int reopenCount,
    Boolean satisfied,
    Integer satisfactionScore,
    String processInstanceId,
    List<JournalEntry> journal) {

  static TicketView of(Ticket t, List<JournalEntry> journal) {
    return new TicketView(t.ticketId(), t.status(), t.closeReason(), t.priority(), t.category(), t.impact(),
        t.urgency(), t.channel(), t.subject(), t.description(), t.requesterName(), t.requesterEmail(),
        t.requesterPhone(), t.requesterId(), t.assetId(), t.location(), t.occurredAt(), t.candidateGroup(),
        t.handler(), t.createdAt(), t.classifiedAt(), t.acceptedAt(), t.resolvedAt(), t.closedAt(), t.responseDue(),
        t.resolutionDue(), t.responseBreached(), t.resolutionBreached(), t.reopenCount(), t.satisfied(),
        t.satisfactionScore(), t.processInstanceId(), journal);
  }
}
