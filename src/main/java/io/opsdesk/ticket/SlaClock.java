package io.opsdesk.ticket;

import java.time.Instant;

/**
 * One run of an SLA clock on a ticket. Round 0 is the request's own; each reopen starts a resolution
 * clock of its own (round = reopen count), so a clock that was met stays met.
 *
 * @param stoppedAt when the clock's goal was reached (accepted, or resolved and verified)
 * @param breachedAt when the clock ran out without its goal reached
 * @param calendar the calendar its due time was counted on (decision sla's {@code calendar}), by which
 *     a later change of the due time counts too
 * @param pausedAt when the clock was paused, while the request waits (null while it runs)
 * @param pausedSeconds how far pauses have moved its due time, in seconds
 */
public record SlaClock(String ticketId, SlaClockKind clock, int round, Instant startedAt, Instant dueAt,
    Instant stoppedAt, Instant breachedAt, String calendar, Instant pausedAt, long pausedSeconds) {

  public boolean met() {
    return stoppedAt != null && breachedAt == null;
  }
}
