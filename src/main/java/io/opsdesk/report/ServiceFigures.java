package io.opsdesk.report;

/**
 * The figures of one scope of the report (all requests, or those of one category, priority or group),
 * over the requests opened in the period. Rates are fractions 0–1 and, like means and percentiles,
 * null when nothing was there to measure. README "Service report" defines each exactly.
 */
public record ServiceFigures(
    long opened,
    long closed,
    long backlog,
    Double resolutionRate,
    long reopened,
    Double reopenRate,
    long firstContactResolved,
    Double firstContactResolutionRate,
    long responseClocksMet,
    long responseClocksMeasured,
    Double responseSlaCompliance,
    long resolutionClocksMet,
    long resolutionClocksMeasured,
    Double resolutionSlaCompliance,
    long rated,
    Double meanSatisfaction,
    Double meanTimeToRespondMinutes,
    Double p50TimeToRespondMinutes,
    Double p90TimeToRespondMinutes,
    Double meanTimeToResolveMinutes,
    Double p50TimeToResolveMinutes,
    Double p90TimeToResolveMinutes) {

  /** A scope without requests. */
  static final ServiceFigures NONE = new ServiceFigures(0, 0, 0, null, 0, null, 0, null, 0, 0, null, 0, 0, null, 0, null,
      null, null, null, null, null, null);

  static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
