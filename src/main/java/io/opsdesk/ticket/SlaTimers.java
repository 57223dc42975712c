package io.opsdesk.ticket;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's side of a paused SLA clock: its timer jobs and the due dates of the request's open
 * tasks. Changed on the engine's entities inside the step's own command, so they commit or roll back
 * with the ticket, and without the engine's authorization checks (the step decided already).
 */
@Component
class SlaTimers {

  /**
   * A suspended job is never acquired, on any node: the clock's timer cannot fire while the request
   * waits. (Moving its due date instead would need the resume time, unknown at the pause.)
   */
  void hold(DelegateExecution execution, SlaClockKind clock) {
    for (JobEntity timer : timers(execution, clock)) {
      timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
    }
  }

  /** The clock's timers fire at {@code newDue}, and the open tasks that were due with the clock are due then too. */
  void move(DelegateExecution execution, SlaClock clock, Instant newDue) {
    for (JobEntity timer : timers(execution, clock.clock())) {
      timer.setDuedate(Date.from(newDue));
      timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
    }
    for (TaskEntity task : commandContext().getTaskManager().findTasksByProcessInstanceId(execution.getProcessInstanceId())) {
      if (task.getDueDate() != null && task.getDueDate().toInstant().equals(clock.dueAt())) {
        task.setDueDate(Date.from(newDue));
        task.triggerUpdateEvent();
      }
    }
  }

  private static java.util.List<JobEntity> timers(DelegateExecution execution, SlaClockKind clock) {
    return commandContext().getJobManager().findJobsByProcessInstanceId(execution.getProcessInstanceId()).stream()
        .filter(job -> clock.timerActivity().equals(job.getActivityId()))
        .toList();
  }

  private static CommandContext commandContext() {
    return Context.getCommandContext();
  }
}
