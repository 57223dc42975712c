package io.opsdesk.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The service report of a period: the figures of all requests opened in it at the top level (the
 * contract's shape), the same per category, priority and handler group, and what the Cockpit dashboard
 * draws (per day, satisfaction scores, time per step).
 */
@JsonPropertyOrder({"from", "to", "zone", "computedAt"})
public record ServiceReport(
    LocalDate from,
    LocalDate to,
    String zone,
    Instant computedAt,
    @JsonUnwrapped ServiceFigures overall,
    Map<String, ServiceFigures> byCategory,
    Map<String, ServiceFigures> byPriority,
    Map<String, ServiceFigures> byGroup,
    Map<LocalDate, DayCounts> byDay,
    Map<String, Long> satisfactionCounts,
    Map<String, Phase> phases) {
}
