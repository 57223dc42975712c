package io.opsdesk.ticket;

import java.time.Instant;

/**
 * One service request as OpsDesk records it; the process instance carries the same ticketId as business key.
 * {@code satisfied}, {@code satisfactionScore} and {@code feedback} are the requester's latest answer to the
 * confirmation (a reopen keeps the answer that reopened it until the next one).
 * {@code pausedSeconds} is the total time of its finished pauses (status WAITING), in seconds.
 */
public record Ticket(
    String ticketId,
    String processInstanceId,
    String requesterName,
    String requesterEmail,
    String requesterPhone,
    String requesterId,
    String assetId,
    String channel,
    String subject,
    String description,
    String location,
    Instant occurredAt,
    String category,
    String impact,
    String urgency,
    String priority,
    String candidateGroup,
    TicketStatus status,
    String closeReason,
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
    String feedback,
    long pausedSeconds) {
}
