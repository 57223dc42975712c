package io.opsdesk.ticket;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.opsdesk.ticket.TicketStatus.ASSIGNED;
import static io.opsdesk.ticket.TicketStatus.CLOSED;
import static io.opsdesk.ticket.TicketStatus.IN_PROGRESS;
import static io.opsdesk.ticket.TicketStatus.NEW;
import static io.opsdesk.ticket.TicketStatus.RESOLVED;
import static io.opsdesk.ticket.TicketStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract's lifecycle, every pair of statuses and every step from every status. */
class TicketLifecycleTest {

  /** The contract, written out once more by hand: NEW → ASSIGNED → IN_PROGRESS ⇄ WAITING → RESOLVED → CLOSED, reopen. */
  private static final Map<TicketStatus, Set<TicketStatus>> CONTRACT = Map.of(
      NEW, EnumSet.of(ASSIGNED),
      ASSIGNED, EnumSet.of(IN_PROGRESS),
      IN_PROGRESS, EnumSet.of(WAITING, RESOLVED),
      WAITING, EnumSet.of(IN_PROGRESS),
      RESOLVED, EnumSet.of(IN_PROGRESS, CLOSED),
      CLOSED, EnumSet.noneOf(TicketStatus.class));

  @ParameterizedTest
  @EnumSource(TicketStatus.class)
  void eachStatusMovesOnlyWhereTheContractSays(TicketStatus status) {
    assertThat(status.next()).isEqualTo(CONTRACT.get(status));
  }

  @ParameterizedTest
  @EnumSource(TicketStep.class)
  void eachStepStartsFromOneStatusAndRefusesEveryOther(TicketStep step) {
    for (TicketStatus status : TicketStatus.values()) {
      if (status == step.from()) {
        assertThat(step.apply("SR-1", status)).isEqualTo(step.to());
        assertThat(CONTRACT.get(status)).contains(step.to());
      } else {
        assertThatThrownBy(() -> step.apply("SR-1", status))
            .isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("SR-1 is " + status);
      }
    }
  }
}
