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
 * The engine's side of a paused or reclassified SLA clock: its timer jobs and the due dates (and
 * candidate groups) of the request's open tasks. Changed on the engine's entities inside the step's
 * own command, so they commit or roll back with the ticket, and without the engine's authorization
 * checks (the step decided already).
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
      timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
    }
    reschedule(execution, clock, newDue);
  }

  /**
   * As {@link #move}, but a held timer stays held: a clock reclassified while paused gets its new due
   * date now and fires only after the resume moved it on by the pause.
   */
  void reschedule(DelegateExecution execution, SlaClock clock, Instant newDue) {
    for (JobEntity timer : timers(execution, clock.clock())) {
      timer.setDuedate(Date.from(newDue));
    }
    for (TaskEntity task : commandContext().getTaskManager().findTasksByProcessInstanceId(execution.getProcessInstanceId())) {
      if (task.getDueDate() != null && task.getDueDate().toInstant().equals(clock.dueAt())) {
        task.setDueDate(Date.from(newDue));
        task.triggerUpdateEvent();
      }
    }
  }

  /**
   * The request's open tasks offered to {@code oldGroup} are offered to {@code newGroup} instead, and
   * every open task gets the new priority's Tasklist priority.
   */
  void regroup(DelegateExecution execution, String oldGroup, String newGroup, int taskPriority) {
    for (TaskEntity task : commandContext().getTaskManager().findTasksByProcessInstanceId(execution.getProcessInstanceId())) {
      if (!oldGroup.equals(newGroup) && task.getCandidates().stream().anyMatch(link -> oldGroup.equals(link.getGroupId()))) {
        task.deleteCandidateGroup(oldGroup);
        task.addCandidateGroup(newGroup);
      }
      if (task.getPriority() != taskPriority) {
        task.setPriority(taskPriority);
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
