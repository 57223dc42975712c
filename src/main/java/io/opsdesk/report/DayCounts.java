package io.opsdesk.report;

/** One day of the period: requests opened that day, and requests closed that day (whenever opened). */
public record DayCounts(long opened, long closed) {
}
