package io.opsdesk.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.opsdesk.access.InstanceAccess;
import io.opsdesk.sla.SlaTargets;
import io.opsdesk.sla.WorkingTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The one writer of ticket state. Each method is a step of the lifecycle ({@link TicketStatus}): it
 * finds the ticket from the calling step's own process instance (never from a variable a caller could
 * set), refuses a move the lifecycle does not allow, and changes the ticket record, the matching process
 * variables, the SLA clocks and the journal together, in the step's transaction.
 */
@Component
public class TicketTransitions {

  private final TicketRepository tickets;
  private final SlaClocks clocks;
  private final TicketJournal journal;
  private final InstanceAccess access;
  private final TicketPauses pauses;
  private final SlaTimers timers;

  public TicketTransitions(TicketRepository tickets, SlaClocks clocks, TicketJournal journal, InstanceAccess access,
      TicketPauses pauses, SlaTimers timers) {
    this.tickets = tickets;
    this.clocks = clocks;
    this.journal = journal;
    this.access = access;
    this.pauses = pauses;
    this.timers = timers;
  }

  /** Step "register": records the request under {@code ticketId}; a repeated call finds the ticket already there. */
  public Ticket register(DelegateExecution execution, String ticketId) {
    Optional<Ticket> existing = tickets.findByProcessInstance(execution.getProcessInstanceId());
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = EngineClock.now();
    DelegateExecution instance = execution.getProcessInstance();
    instance.setProcessBusinessKey(ticketId);
    instance.setVariable("ticketId", ticketId);
    instance.setVariable("reopenCount", 0);
    instance.setVariable(SlaClockKind.RESPONSE.breachedVariable(), false);
    instance.setVariable(SlaClockKind.RESOLUTION.breachedVariable(), false);
    String channel = text(execution, "channel");
    String subject = text(execution, "subject");
    String requesterId = text(execution, "requesterId");
    Ticket ticket = new Ticket(ticketId, execution.getProcessInstanceId(),
        text(execution, "requesterName"), text(execution, "requesterEmail"), text(execution, "requesterPhone"),
        requesterId, text(execution, "assetId"), channel, subject, text(execution, "description"),
        text(execution, "location"), Instants.parse(execution.getVariable("occurredAt")),
        text(execution, "category"), text(execution, "impact"), text(execution, "urgency"),
        null, null, TicketStatus.NEW, null, null, now, null, null, null, null, null, null, false, false, 0, null, null, null, 0);
    tickets.insert(ticket);
    if (requesterId != null) {
      access.letUserRead(execution.getProcessInstanceId(), requesterId);
    }
    journal.record(ticketId, "OPENED", "Request opened via " + channel + ": " + subject);
    return ticket;
  }

  /**
   * Step "set-sla-deadlines": both clocks start at the request's creation and run for the times given,
   * counted on the priority's calendar (working time only on a business calendar). Each warns the
   * handler group at the decision's share of its time (variables {@code responseWarningAt},
   * {@code resolutionWarningAt}, read by the model's warning timers).
   */
  public void setDeadlines(DelegateExecution execution, SlaTargets.Targets sla) {
    Ticket ticket = lock(execution);
    WorkingTime calendar = sla.calendar();
    Instant responseDue = calendar.plus(ticket.createdAt(), sla.responseTime());
    Instant resolutionDue = calendar.plus(ticket.createdAt(), sla.resolutionTime());
    if (ticket.status() != TicketStatus.NEW || ticket.responseDue() != null) {
      throw new IllegalTransitionException("Ticket " + ticket.ticketId() + " has its SLA deadlines already");
    }
    DelegateExecution instance = execution.getProcessInstance();
    instance.setVariable(SlaClockKind.RESPONSE.dueVariable(), Date.from(responseDue));
    instance.setVariable(SlaClockKind.RESOLUTION.dueVariable(), Date.from(resolutionDue));
    instance.setVariable(SlaClockKind.RESPONSE.warningVariable(),
        Date.from(sla.warningAt(ticket.createdAt(), sla.responseTime())));
    instance.setVariable(SlaClockKind.RESOLUTION.warningVariable(),
        Date.from(sla.warningAt(ticket.createdAt(), sla.resolutionTime())));
    tickets.setDeadlines(ticket.ticketId(), responseDue, resolutionDue);
    clocks.start(ticket.ticketId(), SlaClockKind.RESPONSE, 0, ticket.createdAt(), responseDue, calendar.name());
    clocks.start(ticket.ticketId(), SlaClockKind.RESOLUTION, 0, ticket.createdAt(), resolutionDue, calendar.name());
  }

  /**
   * Step "assign", NEW → ASSIGNED: records the classification (from the start or triage) and the
   * priority and handler group the decisions gave, and lets that group read the request.
   */
  public void assign(DelegateExecution execution) {
    Ticket ticket = lock(execution);
    TicketStatus status = TicketStep.ASSIGN.apply(ticket.ticketId(), ticket.status());
    String category = text(execution, "category");
    String impact = text(execution, "impact");
    String urgency = text(execution, "urgency");
    String priority = text(execution, "priority");
    String group = text(execution, "candidateGroup");
    if (priority == null || group == null) {
      throw new IllegalTransitionException("Ticket " + ticket.ticketId() + " cannot be assigned before it has a priority and a group");
    }
    access.letGroupRead(execution.getProcessInstanceId(), group);
    tickets.classify(ticket.ticketId(), category, impact, urgency, priority, group, EngineClock.now(), status);
    journal.record(ticket.ticketId(), "ASSIGNED", String.format(
        "Classified %s (category %s, impact %s, urgency %s) and assigned to group %s; respond by %s, resolve by %s",
        priority, category, impact, urgency, group, ticket.responseDue(), ticket.resolutionDue()));
  }

  /**
   * Task "accept" completed, ASSIGNED → IN_PROGRESS: {@code handler} handles the request from now on
   * and the response clock stops (met when accepted by its due time).
   */
  public void accept(DelegateTask task, String handler) {
    Ticket ticket = lock(task.getExecution());
    TicketStatus status = TicketStep.ACCEPT.apply(ticket.ticketId(), ticket.status());
    Instant now = EngineClock.now();
    boolean breached = stopClock(ticket, SlaClockKind.RESPONSE, 0, now);
    DelegateExecution instance = task.getExecution().getProcessInstance();
    instance.setVariable("handler", handler);
    instance.setVariable(SlaClockKind.RESPONSE.breachedVariable(), breached);
    tickets.accept(ticket.ticketId(), handler, now, breached, status);
    journal.record(ticket.ticketId(), handler, "ACCEPTED",
        "Accepted by " + handler + "; response SLA " + (breached ? "breached" : "met"));
  }

  /**
   * An SLA timer fired: the running clock of this kind ran out. Marks it once; a clock already breached
   * or stopped (the goal reached just before the timer ran) is left as it is.
   */
  public boolean breach(DelegateExecution execution, SlaClockKind kind) {
    Ticket ticket = lock(execution);
    SlaClock clock = timedClock(ticket, kind, "cannot run out");
    if (!clocks.breach(ticket.ticketId(), kind, clock.round(), clock.dueAt())) {
      return false;
    }
    execution.getProcessInstance().setVariable(kind.breachedVariable(), true);
    tickets.markBreached(ticket.ticketId(), kind);
    journal.record(ticket.ticketId(), "SLA_BREACHED", kind == SlaClockKind.RESPONSE
        ? "Response SLA breached: not accepted by " + clock.dueAt()
        : "Resolution SLA breached: not resolved by " + clock.dueAt() + "; a delay report is due");
    return true;
  }

  /**
   * A warning timer fired (step "warn-response-due" or "warn-resolution-due"): the running clock of this
   * kind runs out soon. Records it once per clock and round; a clock stopped or breached meanwhile
   * warns nobody. True when this call warned, so the model mails the handler group.
   */
  public boolean warn(DelegateExecution execution, SlaClockKind kind) {
    Ticket ticket = lock(execution);
    SlaClock clock = timedClock(ticket, kind, "warns nobody");
    return recordOnce(ticket, clock, clock.stoppedAt() == null && clock.breachedAt() == null, SlaClocks.Event.WARNED,
        "SLA_WARNING", " SLA runs out at " + clock.dueAt() + "; group " + ticket.candidateGroup() + " warned");
  }

  /**
   * Step "escalate-resolution-breach": the resolution clock was breached and the request is still not
   * resolved after another half of its resolution time. Records it once per round; true when this call
   * escalated, so the model mails the supervisors.
   */
  public boolean escalate(DelegateExecution execution, SlaClockKind kind) {
    Ticket ticket = lock(execution);
    SlaClock clock = currentClock(ticket, kind);
    return recordOnce(ticket, clock, clock.stoppedAt() == null && clock.breachedAt() != null, SlaClocks.Event.ESCALATED,
        "SLA_ESCALATED", " SLA breached at " + clock.breachedAt() + " and still not met: escalated to the supervisors");
  }

  /**
   * A warning or escalation of a clock: when it {@code applies} and was not recorded for the clock's round
   * yet, the clock event and a journal line ({@code text} after the clock's name). True when recorded now.
   */
  private boolean recordOnce(Ticket ticket, SlaClock clock, boolean applies, SlaClocks.Event event, String journalKind,
      String text) {
    if (!applies || !clocks.recordOnce(ticket.ticketId(), clock.clock(), clock.round(), event, EngineClock.now())) {
      return false;
    }
    journal.record(ticket.ticketId(), journalKind, (clock.clock() == SlaClockKind.RESPONSE ? "Response" : "Resolution") + text);
    return true;
  }

  /**
   * Step "pause-sla", IN_PROGRESS → WAITING: the request waits for the requester or a vendor. The
   * clocks still counting stop, and their timers are held; a breached clock stays breached as it is.
   */
  public void pause(DelegateExecution execution, String waitingFor, String reason, String actor) {
    Ticket ticket = lock(execution);
    TicketStatus status = TicketStep.PAUSE.apply(ticket.ticketId(), ticket.status());
    Instant now = EngineClock.now();
    List<SlaClock> paused = clocks.pause(ticket.ticketId(), now);
    paused.forEach(clock -> timers.hold(execution, clock.clock()));
    pauses.open(ticket.ticketId(), now, waitingFor, reason, actor);
    tickets.pause(ticket.ticketId(), status);
    journal.record(ticket.ticketId(), actor, "PAUSED", "On hold, waiting for the " + waitingFor.toLowerCase()
        + ": " + reason + "; SLA clocks paused: " + (paused.isEmpty() ? "none was running"
        : String.join(", ", paused.stream().map(c -> c.clock().name().toLowerCase() + " (due " + c.dueAt() + ")").toList())));
  }

  /**
   * Step "resume-sla", WAITING → IN_PROGRESS: the paused clocks count again, each due later by the
   * pause as its calendar counts it ({@link WorkingTime#afterPause}, calendars by name from
   * {@code calendars}); their due times, timers, process variables and the open tasks that
   * were due with them move together.
   */
  public void resume(DelegateExecution execution, String actor, Function<String, WorkingTime> calendars) {
    Ticket ticket = lock(execution);
    TicketStatus status = TicketStep.RESUME.apply(ticket.ticketId(), ticket.status());
    Instant now = EngineClock.now();
    TicketPauses.Pause pause = pauses.close(ticket.ticketId(), now, actor)
        .orElseThrow(() -> new IllegalTransitionException("Ticket " + ticket.ticketId() + " is WAITING without a pause"));
    long pausedSeconds = Duration.between(pause.startedAt(), now).toSeconds();
    List<String> moved = new ArrayList<>();
    for (SlaClock clock : clocks.paused(ticket.ticketId())) {
      WorkingTime calendar = calendars.apply(clock.calendar());
      Instant due = calendar.afterPause(clock.dueAt(), clock.pausedAt(), now);
      clocks.resume(clock, now, due, Duration.between(clock.dueAt(), due).toSeconds());
      tickets.moveDue(ticket.ticketId(), clock.clock(), due);
      execution.getProcessInstance().setVariable(clock.clock().dueVariable(), Date.from(due));
      timers.move(execution, clock, due);
      timers.moveWarning(execution, clock.clock(), at -> calendar.afterPause(at, clock.pausedAt(), now))
          .ifPresent(at -> execution.getProcessInstance().setVariable(clock.clock().warningVariable(), Date.from(at)));
      moved.add(clock.clock().name().toLowerCase() + " due " + clock.dueAt() + " → " + due);
    }
    tickets.resume(ticket.ticketId(), pausedSeconds, status);
    journal.record(ticket.ticketId(), actor, "RESUMED", "Resumed after " + Duration.ofSeconds(pausedSeconds)
        + " waiting for the " + pause.waitingFor().toLowerCase() + "; SLA clocks moved: "
        + (moved.isEmpty() ? "none was running" : String.join(", ", moved)));
  }

  private static final Set<TicketStatus> RECLASSIFIABLE = Set.of(TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS,
      TicketStatus.WAITING);

  /** A clock's {@code time} moved on, on its calendar, by each finished pause that began after the clock started. */
  private static Instant afterPauses(WorkingTime calendar, Instant startedAt, Instant time, List<TicketPauses.Pause> pauses) {
    Instant moved = time;
    for (TicketPauses.Pause pause : pauses) {
      if (!pause.startedAt().isBefore(startedAt)) {
        moved = calendar.afterPause(moved, pause.startedAt(), pause.endedAt());
      }
    }
    return moved;
  }

  /** A ticket is reclassified between its first classification and its resolution; its status stays. */
  public static void checkReclassifiable(String ticketId, TicketStatus status) {
    if (!RECLASSIFIABLE.contains(status)) {
      throw new IllegalTransitionException("Ticket " + ticketId + " is " + status
          + ": only a request between its classification and its resolution can be reclassified");
    }
  }

  /** A corrected classification and what decisions priority and routing give it. */
  public record Classification(String category, String impact, String urgency, String priority, String candidateGroup) {
  }

  /**
   * Step "reclassify-ticket": the service desk or a supervisor corrected the classification. The ticket
   * takes the new priority and handler group; each clock still counting (running or paused, neither met
   * nor breached) is counted again from its own start (the request's creation; a reopen round's reopen)
   * for the new priority's time on its calendar, plus the pauses it went through
   * ({@link WorkingTime#afterPause}). A running clock whose new due time has passed is due now (its timer fires at
   * once), a paused one at its pause (due as soon as it resumes). A breached or met clock keeps its
   * times, so going down in priority never un-breaches. Due times move on the ticket, in the process
   * variables, on the timers (a held timer stays held) and on the open tasks; open tasks offered to the
   * old group are offered to the new one. False when nothing changed (a repeated request).
   */
  public boolean reclassify(DelegateExecution execution, Classification next, SlaTargets.Targets sla,
      String actor, String reason) {
    Ticket ticket = lock(execution);
    checkReclassifiable(ticket.ticketId(), ticket.status());
    Instant now = EngineClock.now();
    WorkingTime calendar = sla.calendar();
    DelegateExecution instance = execution.getProcessInstance();
    List<TicketPauses.Pause> finishedPauses = pauses.of(ticket.ticketId()).stream().filter(p -> p.endedAt() != null).toList();
    List<String> moved = new ArrayList<>();
    for (SlaClock clock : clocks.of(ticket.ticketId())) {
      if (clock.stoppedAt() != null || clock.breachedAt() != null) {
        continue;
      }
      Duration time = clock.clock() == SlaClockKind.RESPONSE ? sla.responseTime() : sla.resolutionTime();
      Instant target = calendar.plus(clock.startedAt(), time);
      Instant due = afterPauses(calendar, clock.startedAt(), target, finishedPauses);
      if (clock.pausedAt() == null) {
        // A warning not yet given moves too (a held one moves on resume); one already past warns now.
        Instant warningAt = afterPauses(calendar, clock.startedAt(), sla.warningAt(clock.startedAt(), time), finishedPauses);
        timers.moveWarning(execution, clock.clock(), before -> warningAt)
            .ifPresent(at -> instance.setVariable(clock.clock().warningVariable(), Date.from(at)));
      }
      long pausedSeconds = Duration.between(target, due).toSeconds();
      Instant counting = clock.pausedAt() == null ? now : clock.pausedAt();
      if (due.isBefore(counting)) {
        due = counting;
      }
      if (due.equals(clock.dueAt()) && calendar.name().equals(clock.calendar())) {
        continue;
      }
      clocks.reclassify(clock, now, due, calendar.name(), pausedSeconds);
      tickets.moveDue(ticket.ticketId(), clock.clock(), due);
      instance.setVariable(clock.clock().dueVariable(), Date.from(due));
      timers.reschedule(execution, clock, due);
      moved.add(clock.clock().name().toLowerCase() + " due " + clock.dueAt() + " → " + due
          + (clock.pausedAt() == null ? "" : " (paused)"));
    }
    boolean regrouped = !next.candidateGroup().equals(ticket.candidateGroup());
    boolean classified = !next.category().equals(ticket.category()) || !next.impact().equals(ticket.impact())
        || !next.urgency().equals(ticket.urgency()) || !Objects.equals(next.priority(), ticket.priority()) || regrouped;
    if (!classified && moved.isEmpty()) {
      return false;
    }
    tickets.reclassify(ticket.ticketId(), next.category(), next.impact(), next.urgency(), next.priority(), next.candidateGroup());
    instance.setVariable("category", next.category());
    instance.setVariable("impact", next.impact());
    instance.setVariable("urgency", next.urgency());
    instance.setVariable("priority", next.priority());
    instance.setVariable("candidateGroup", next.candidateGroup());
    instance.setVariable("taskPriority", sla.taskPriority());
    instance.setVariable("priorityName", VocabularyLabels.bilingual("priority", next.priority()));
    timers.regroup(execution, ticket.candidateGroup(), next.candidateGroup(), sla.taskPriority());
    if (regrouped) {
      access.letGroupRead(execution.getProcessInstanceId(), next.candidateGroup());
    }
    journal.record(ticket.ticketId(), actor, "RECLASSIFIED", String.format(
        "Reclassified by %s: %s; category %s → %s, impact %s → %s, urgency %s → %s; priority %s → %s; group %s → %s; "
            + "SLA clocks moved: %s", actor, reason, ticket.category(), next.category(), ticket.impact(), next.impact(),
        ticket.urgency(), next.urgency(), ticket.priority(), next.priority(), ticket.candidateGroup(), next.candidateGroup(),
        moved.isEmpty() ? "none" : String.join(", ", moved)));
    return true;
  }

  /** Step "record-resolution", IN_PROGRESS → RESOLVED: verified; the running resolution clock stops. */
  public void resolve(DelegateExecution execution) {
    Ticket ticket = lock(execution);
    TicketStatus status = TicketStep.RESOLVE.apply(ticket.ticketId(), ticket.status());
    Instant now = EngineClock.now();
    boolean breached = stopClock(ticket, SlaClockKind.RESOLUTION, ticket.reopenCount(), now);
    boolean everBreached = breached || ticket.resolutionBreached();
    execution.getProcessInstance().setVariable(SlaClockKind.RESOLUTION.breachedVariable(), everBreached);
    tickets.resolve(ticket.ticketId(), now, everBreached, status);
    journal.record(ticket.ticketId(), "RESOLVED", "Resolved and verified; resolution SLA " + (breached ? "breached" : "met")
        + "; waiting for the requester's confirmation");
  }

  /**
   * Step "reopen", RESOLVED → IN_PROGRESS: the requester was not satisfied. A resolution clock that
   * was met stays met; the reopened request runs a resolution clock of its own from now, for the
   * resolution time its priority has, on its priority's calendar.
   */
  public void reopen(DelegateExecution execution, Function<String, SlaTargets.Targets> targets) {
    Ticket ticket = lock(execution);
    TicketStatus status = TicketStep.REOPEN.apply(ticket.ticketId(), ticket.status());
    Instant now = EngineClock.now();
    SlaTargets.Targets sla = targets.apply(ticket.priority());
    Instant resolutionDue = sla.calendar().plus(now, sla.resolutionTime());
    int reopenCount = ticket.reopenCount() + 1;
    DelegateExecution instance = execution.getProcessInstance();
    instance.setVariable("reopenCount", reopenCount);
    instance.setVariable(SlaClockKind.RESOLUTION.dueVariable(), Date.from(resolutionDue));
    instance.setVariable(SlaClockKind.RESOLUTION.warningVariable(), Date.from(sla.warningAt(now, sla.resolutionTime())));
    clocks.start(ticket.ticketId(), SlaClockKind.RESOLUTION, reopenCount, now, resolutionDue, sla.calendar().name());
    TicketRepository.Answer answer = answer(execution);
    tickets.reopen(ticket.ticketId(), reopenCount, resolutionDue, answer, status);
    journal.record(ticket.ticketId(), "REOPENED", "Reopened (" + reopenCount
        + ") at the requester's request" + said(answer) + "; back to diagnosis; to be resolved by " + resolutionDue);
  }

  /**
   * Steps "close" and "auto-close", RESOLVED → CLOSED. A confirmed close records the satisfaction the
   * requester gave in the confirm task.
   */
  public void close(DelegateExecution execution, String reason) {
    Ticket ticket = lock(execution);
    TicketStatus status = TicketStep.CLOSE.apply(ticket.ticketId(), ticket.status());
    boolean confirmed = "CONFIRMED".equals(reason);
    if (!confirmed && !"AUTO_CLOSED".equals(reason)) {
      throw new IllegalTransitionException("A ticket closes CONFIRMED or AUTO_CLOSED, not " + reason);
    }
    TicketRepository.Answer answer = confirmed ? answer(execution) : TicketRepository.Answer.NONE;
    execution.getProcessInstance().setVariable("closeReason", reason);
    tickets.close(ticket.ticketId(), reason, answer, EngineClock.now(), status);
    journal.record(ticket.ticketId(), "CLOSED", confirmed
        ? "Closed: the requester confirmed the solution" + said(answer)
        : "Closed automatically: the requester did not answer the confirmation in time");
  }

  /** Stops a clock now; true when it had run out (whether or not its timer fired yet). */
  private boolean stopClock(Ticket ticket, SlaClockKind kind, int round, Instant now) {
    SlaClock clock = clocks.of(ticket.ticketId()).stream()
        .filter(c -> c.clock() == kind && c.round() == round).findFirst()
        .orElseThrow(() -> new IllegalTransitionException("Ticket " + ticket.ticketId() + " has no running " + kind + " clock"));
    if (clock.breachedAt() == null && now.isAfter(clock.dueAt())) {
      clocks.breach(ticket.ticketId(), kind, round, clock.dueAt());
      clocks.stop(ticket.ticketId(), kind, round, now);
      return true;
    }
    clocks.stop(ticket.ticketId(), kind, round, now);
    return clock.breachedAt() != null;
  }

  /**
   * The clock whose timer fired (deadline or warning). Its timers are held while it is paused; one that
   * fired anyway (taken by a node just before the pause) fails and stays, to be moved and fire again at
   * the resume.
   */
  private SlaClock timedClock(Ticket ticket, SlaClockKind kind, String refused) {
    SlaClock clock = currentClock(ticket, kind);
    if (clock.pausedAt() != null) {
      throw new IllegalTransitionException("Ticket " + ticket.ticketId() + " is waiting: its " + kind
          + " clock is paused and " + refused);
    }
    return clock;
  }

  private SlaClock currentClock(Ticket ticket, SlaClockKind kind) {
    return clocks.current(ticket.ticketId(), kind)
        .orElseThrow(() -> new IllegalTransitionException("Ticket " + ticket.ticketId() + " has no " + kind + " clock"));
  }

  /** The ticket of the step's own process instance, locked until the step's transaction ends. */
  private Ticket lock(DelegateExecution execution) {
    return tickets.lockByProcessInstance(execution.getProcessInstanceId())
        .orElseThrow(() -> new IllegalTransitionException(
            "Process instance " + execution.getProcessInstanceId() + " has no ticket"));
  }

  /** The requester's answer in the confirm task (satisfied, satisfactionScore, feedback). */
  private static TicketRepository.Answer answer(VariableScope scope) {
    return new TicketRepository.Answer((Boolean) scope.getVariable("satisfied"),
        ((Number) scope.getVariable("satisfactionScore")).intValue(), text(scope, "feedback"));
  }

  /** " (satisfaction 2/5: \"slow\")" for the journal. */
  private static String said(TicketRepository.Answer answer) {
    String feedback = answer.feedback() == null || answer.feedback().isEmpty() ? "" : ": \"" + answer.feedback() + "\"";
    return " (satisfaction " + answer.score() + "/5" + feedback + ")";
  }

  private static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString().trim();
  }
}
