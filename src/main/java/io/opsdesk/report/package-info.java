/**
 * The service report of manual 4.5 (issue 12): how many requests came in, of which kinds, how fast
 * they were handled and how well (GET /api/reports/service and the weekly process service-report).
 * Figures are aggregated in SQL so that a month of a million-ticket database is one scan per scope.
 */
package io.opsdesk.report;
