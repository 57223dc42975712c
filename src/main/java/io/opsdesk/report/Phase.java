package io.opsdesk.report;

/** Time spent in one step of service-request: how many, their mean and 90th percentile in minutes. */
public record Phase(long count, Double meanMinutes, Double p90Minutes) {
}
