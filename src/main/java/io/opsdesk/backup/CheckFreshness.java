package io.opsdesk.backup;

import java.util.ArrayList;
import java.util.List;

import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN step "check-freshness", at the end of every run: lists in {@value #STALE_TARGETS} each configured
 * target whose newest verified backup is older than its max-age (see {@link BackupFreshness}), for
 * "report-backup-problems" to put on the target's ticket. A run only happens when the timer fires or a
 * person starts one; between runs (the timer stopped, the node down) the health detail {@code backup}
 * (see {@link BackupHealthIndicator}) shows the same staleness to whoever watches /actuator/health.
 */
@Component("checkFreshness")
public class CheckFreshness implements JavaDelegate {

  static final String STALE_TARGETS = "staleTargets";
  private static final Logger LOG = LoggerFactory.getLogger(CheckFreshness.class);

  private final BackupFreshness freshness;

  public CheckFreshness(BackupFreshness freshness) {
    this.freshness = freshness;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> stale = new ArrayList<>();
    for (BackupFreshness.State state : freshness.all(EngineClock.now())) {
      if (!state.fresh()) {
        LOG.warn("Backups of {} are stale: {}", state.target().name(), state.problem());
        stale.add(state.target().name());
      }
    }
    execution.setVariable(STALE_TARGETS, stale);
  }
}
