package io.opsdesk.ticket;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Opens a service request for what OpsDesk's own monitoring found (the daily inspection's anomalies, the
 * data backup's problems): channel MONITORING, started as the system in the caller's transaction, so
 * that the caller's de-duplication entry and the ticket commit together or not at all.
 */
@Component
public class MonitoringTickets {

  /** Room in a String variable (4,000 characters, see MailIntake). */
  static final int MAX_DESCRIPTION = Math.min(InputRules.DESCRIPTION, 4000);

  /** What the request says; {@code location} may be null. Subject and description are cut to fit. */
  public record Alert(String requesterName, String assetId, String subject, String description, String location,
      String category, String impact, String urgency) {
  }

  private final RuntimeService runtime;
  private final TicketRepository tickets;

  public MonitoringTickets(RuntimeService runtime, TicketRepository tickets) {
    this.runtime = runtime;
    this.tickets = tickets;
  }

  /** Starts the service request and answers its ticket id. */
  public String open(Alert alert) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("requesterName", alert.requesterName());
    variables.put("channel", "MONITORING");
    variables.put("assetId", alert.assetId());
    variables.put("subject", bounded(alert.subject(), InputRules.SHORT_TEXT));
    variables.put("description", bounded(alert.description(), MAX_DESCRIPTION));
    if (alert.location() != null && !alert.location().isBlank()) {
      variables.put("location", bounded(alert.location(), InputRules.SHORT_TEXT));
    }
    variables.put("category", alert.category());
    variables.put("impact", alert.impact());
    variables.put("urgency", alert.urgency());
    String instanceId = runtime.startProcessInstanceByKey("service-request", variables).getId();
    return tickets.findByProcessInstance(instanceId).orElseThrow().ticketId();
  }

  private static String bounded(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
