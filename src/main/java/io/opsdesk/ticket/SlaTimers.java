package io.opsdesk.ticket;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's side of a paused or reclassified SLA clock: its timer jobs (the deadline's and the
 * warning's) and the due dates (and candidate groups) of the request's open tasks. Changed on the
 * engine's entities inside the step's own command, so they commit or roll back with the ticket, and
 * without the engine's authorization checks (the step decided already).
 */
@Component
class SlaTimers {

  /**
   * A suspended job is never acquired, on any node: the clock's timer cannot fire while the request
   * waits. (Moving its due date instead would need the resume time, unknown at the pause.)
   */
  void hold(DelegateExecution execution, SlaClockKind clock) {
    for (JobEntity timer : timers(execution, clock.timerActivity(), clock.warningTimerActivity())) {
      timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
    }
  }

  /** The clock's timers fire at {@code newDue}, and the open tasks that were due with the clock are due then too. */
  void move(DelegateExecution execution, SlaClock clock, Instant newDue) {
    for (JobEntity timer : timers(execution, clock.clock().timerActivity())) {
      timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
    }
    reschedule(execution, clock, newDue);
  }

  /**
   * As {@link #move}, but a held timer stays held: a clock reclassified while paused gets its new due
   * date now and fires only after the resume moved it on by the pause.
   */
  void reschedule(DelegateExecution execution, SlaClock clock, Instant newDue) {
    for (JobEntity timer : timers(execution, clock.clock().timerActivity())) {
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

  /**
   * The clock's warning timer, if it has not fired yet, warns at the time {@code moved} gives for its
   * due date, and runs again; answers that time.
   */
  Optional<Instant> moveWarning(DelegateExecution execution, SlaClockKind clock, UnaryOperator<Instant> moved) {
    Optional<Instant> warningAt = Optional.empty();
    for (JobEntity timer : timers(execution, clock.warningTimerActivity())) {
      Instant at = moved.apply(timer.getDuedate().toInstant());
      timer.setDuedate(Date.from(at));
      timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
      warningAt = Optional.of(at);
    }
    return warningAt;
  }

  private static List<JobEntity> timers(DelegateExecution execution, String... activityIds) {
    List<String> ids = List.of(activityIds);
    return commandContext().getJobManager().findJobsByProcessInstanceId(execution.getProcessInstanceId()).stream()
        .filter(job -> ids.contains(job.getActivityId()))
        .toList();
  }

  private static CommandContext commandContext() {
    return Context.getCommandContext();
  }
}
