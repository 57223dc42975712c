/**
 * Daily inspection of servers and network devices (manual 6.1, 3.1, 5.4.3): the inventory
 * ({@code asset}), the checks over Redfish and TCP ({@code check}), and the {@code daily-inspection}
 * process that records every reading and turns anomalies into service requests.
 */
package io.opsdesk.inspection;
