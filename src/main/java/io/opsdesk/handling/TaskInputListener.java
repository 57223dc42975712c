package io.opsdesk.handling;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Checks and journals one user task's inputs; see {@link TaskInputs}. */
class TaskInputListener implements TaskListener {

  /** An input; one with a {@code condition} is taken only when the Boolean input of that name is true. */
  record Input(String name, boolean required, String condition) {

    boolean taken(DelegateTask task) {
      return condition == null || Boolean.TRUE.equals(task.getVariable(condition));
    }
  }

  private final TicketRepository tickets;
  private final TicketJournal journal;
  private final String taskName;
  private final List<Input> inputs;

  TaskInputListener(TicketRepository tickets, TicketJournal journal, String taskName, List<Input> inputs) {
    this.tickets = tickets;
    this.journal = journal;
    this.taskName = taskName;
    this.inputs = List.copyOf(inputs);
  }

  /**
   * "diagnosis, consultants?, articleTitle if publishArticle, articleKeywords? if publishArticle": a
   * trailing ? marks an optional input; "if" names the Boolean input without which it is not taken at
   * all (a form hides it then, and a value the task shows there is neither checked nor journaled).
   */
  static List<Input> parse(String spec) {
    List<Input> inputs = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] words = part.trim().split("\\s+if\\s+", 2);
      String name = words[0].trim();
      if (!name.isEmpty()) {
        boolean optional = name.endsWith("?");
        inputs.add(new Input(optional ? name.substring(0, name.length() - 1).trim() : name, !optional,
            words.length == 2 ? words[1].trim() : null));
      }
    }
    return inputs;
  }

  /** The names of the declared inputs, optional ones included. */
  Set<String> names() {
    return inputs.stream().map(Input::name).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      check(task);
    }
    String processInstanceId = task.getProcessInstanceId();
    String ticketId = processInstanceId == null ? null : tickets.findByProcessInstance(processInstanceId)
        .map(Ticket::ticketId).orElse(null);
    if (ticketId == null) {
      return; // not a ticket's task: nothing to journal
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      journal.record(ticketId, actor(task), "TASK_COMPLETED", taskName + " completed" + summary(task));
    } else if (task.getAssignee() != null) {
      journal.record(ticketId, "TASK_ASSIGNED", taskName + " assigned to " + task.getAssignee());
    }
  }

  private void check(DelegateTask task) {
    // A step put on hold from its form is not done: it comes back, and its own inputs are asked then.
    boolean held = names().contains(Holds.WAITING_FOR) && !InputRules.isBlank(task.getVariable(Holds.WAITING_FOR));
    Map<String, String> errors = new LinkedHashMap<>();
    for (Input input : inputs) {
      if (!input.taken(task)) {
        continue;
      }
      Object value = task.getVariable(input.name());
      if (InputRules.isBlank(value)) {
        if (input.required() && !held) {
          errors.put(input.name(), input.condition() == null ? "is required"
              : "is required when " + input.condition() + " is true");
        }
      } else {
        String problem = InputRules.check(input.name(), value);
        if (problem != null) {
          errors.put(input.name(), problem);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " not completed", errors);
    }
  }

  private String summary(DelegateTask task) {
    String values = inputs.stream()
        .filter(input -> !InputRules.isBlank(task.getVariable(input.name())))
        .filter(input -> input.taken(task))
        .map(input -> input.name() + ": " + display(task.getVariable(input.name())))
        .collect(Collectors.joining("\n"));
    return values.isEmpty() ? "" : "\n" + values;
  }

  private static String display(Object value) {
    return value instanceof Date date ? date.toInstant().toString() : String.valueOf(value);
  }

  private String actor(DelegateTask task) {
    return journal.currentActorOr(task.getAssignee());
  }
}
