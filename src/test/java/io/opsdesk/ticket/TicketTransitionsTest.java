package io.opsdesk.ticket;

import java.util.List;
import java.util.Map;

import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one writer of ticket state in the running engine: a step that the lifecycle does not allow from
 * the ticket's status is refused and changes nothing, however the flow got there (here an
 * administrator's instance modification, the one way left to put a token anywhere).
 */
class TicketTransitionsTest extends OpsDeskTest {

  /** The model's steps that move a ticket, and the lifecycle step each one is. */
  private static final Map<String, TicketStep> STEP_OF_ACTIVITY = Map.of(
      "record-resolution", TicketStep.RESOLVE,
      "reopen", TicketStep.REOPEN,
      "close", TicketStep.CLOSE,
      "auto-close", TicketStep.CLOSE,
      "assign", TicketStep.ASSIGN,
      "pause-sla", TicketStep.PAUSE,
      "resume-sla", TicketStep.RESUME);

  @ParameterizedTest(name = "{1} on a {0} ticket")
  @CsvSource({
      "NEW, reopen", "NEW, close", "NEW, auto-close",
      "ASSIGNED, assign", "ASSIGNED, record-resolution", "ASSIGNED, reopen", "ASSIGNED, close",
      "IN_PROGRESS, assign", "IN_PROGRESS, reopen", "IN_PROGRESS, close", "IN_PROGRESS, auto-close",
      "RESOLVED, assign", "RESOLVED, record-resolution",
      "ASSIGNED, pause-sla", "IN_PROGRESS, resume-sla", "RESOLVED, pause-sla"})
  void aStepFromTheWrongStatusIsRefusedAndChangesNothing(TicketStatus status, String activity) {
    assertThat(STEP_OF_ACTIVITY.get(activity).from()).isNotEqualTo(status);
    ProcessInstance instance = ticketIn(status);
    Ticket before = ticketOf(instance);
    List<JournalEntry> journalBefore = journal.entries(before.ticketId());
    Map<String, Object> variablesBefore = runtime.getVariables(instance.getId());

    assertThatThrownBy(() -> as("admin", () -> { runtime.createProcessInstanceModification(instance.getId())
        .startBeforeActivity(activity).execute(); return null; }))
        .hasMessageContaining("Ticket " + before.ticketId() + " is " + status);

    assertThat(ticketOf(instance)).isEqualTo(before);
    assertThat(journal.entries(before.ticketId())).isEqualTo(journalBefore);
    assertThat(runtime.getVariables(instance.getId())).isEqualTo(variablesBefore);
  }

  @ParameterizedTest(name = "{1} on a {0} ticket")
  @CsvSource({"IN_PROGRESS, record-resolution, RESOLVED", "RESOLVED, reopen, IN_PROGRESS",
      "RESOLVED, close, CLOSED", "RESOLVED, auto-close, CLOSED"})
  void aStepFromItsOwnStatusMovesTheTicket(TicketStatus status, String activity, TicketStatus after) {
    ProcessInstance instance = ticketIn(status);
    if (status == TicketStatus.RESOLVED && !activity.equals("auto-close")) {
      // close and reopen record the answer the confirm task gave
      runtime.setVariables(instance.getId(), Map.of("satisfied", activity.equals("close"), "satisfactionScore", 5));
    }
    as("admin", () -> { runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(activity).execute(); return null; });
    runJobs();
    assertThat(ticketOf(instance).status()).isEqualTo(after);
  }

  @Test
  void acceptingATicketThatIsNoLongerAssignedIsRefused() {
    ProcessInstance instance = ticketIn(TicketStatus.IN_PROGRESS);
    as("admin", () -> { runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity("accept").execute(); return null; });
    Ticket before = ticketOf(instance);

    assertThatThrownBy(() -> work("tech", instance, "accept", vars("contactNote", "again")))
        .hasMessageContaining("is IN_PROGRESS");
    assertThat(ticketOf(instance)).isEqualTo(before);
  }

  @Test
  void aStepOfAnInstanceWithoutTicketIsRefused() {
    // An administrator starting straight at "close" creates no ticket: the step has nothing to close.
    long ticketsBefore = count("ticket");
    assertThatThrownBy(() -> as("admin", () -> runtime.createProcessInstanceByKey("service-request")
        .setVariables(phoneCall()).startBeforeActivity("close").execute()))
        .hasMessageContaining("has no ticket");
    assertThat(count("ticket")).isEqualTo(ticketsBefore);
  }

  /** A real request brought to the given status by the flow itself. */
  private ProcessInstance ticketIn(TicketStatus status) {
    Map<String, Object> request = phoneCall();
    if (status == TicketStatus.NEW) {
      request.remove("category"); // waits at triage, still NEW
    }
    ProcessInstance instance = start("desk", request);
    switch (status) {
      case NEW, ASSIGNED -> { }
      case IN_PROGRESS -> work("tech", instance, "accept", vars("contactNote", "Called"));
      case RESOLVED -> handleUntilConfirmation(instance);
      default -> throw new IllegalArgumentException("not reached by this test: " + status);
    }
    assertThat(ticketOf(instance).status()).isEqualTo(status);
    return instance;
  }
}
