package io.opsdesk.notify;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.Instants;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketJournal;
import io.opsdesk.ticket.TicketRepository;
import io.opsdesk.ticket.VocabularyLabels;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Mail notifications, called from the models' listeners, e.g.
 * {@code ${notifications.toRequester(execution, 'accepted')}} or
 * {@code ${notifications.toGroup(execution, 'supervisors', 'response-breached')}} (a task listener
 * passes {@code task}). The mail is rendered now, from the ticket and the process variables, and
 * queued in the caller's transaction: it is sent only if that work commits, later, by
 * {@link NotificationSender}. Each person gets the mail in their language ({@link MailLanguages}).
 * Who gets nothing (no address) is noted in the ticket's journal.
 */
@Component("notifications")
public class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Outbox outbox;
  private final MailTemplates templates;
  private final MailLanguages languages;
  private final TicketRepository tickets;
  private final TicketJournal journal;
  private final IdentityService identity;
  private final ProcessEngine engine;
  private final NotifyProperties properties;
  private final Environment environment;

  public Notifications(Outbox outbox, MailTemplates templates, MailLanguages languages, TicketRepository tickets,
      TicketJournal journal, IdentityService identity, @Lazy ProcessEngine engine, NotifyProperties properties,
      Environment environment) {
    this.outbox = outbox;
    this.templates = templates;
    this.languages = languages;
    this.tickets = tickets;
    this.journal = journal;
    this.identity = identity;
    this.engine = engine;
    this.properties = properties;
    this.environment = environment;
  }

  /**
   * Mails the requester: the ticket's requesterEmail, else the email of the Camunda user requesterId.
   * Without either, no mail, and one journal line says so. The language is requesterId's choice, else
   * the default.
   */
  public void toRequester(VariableScope scope, String template) {
    if (!properties.isEnabled()) {
      return;
    }
    templates.require(template);
    Subject subject = subjectOf(scope);
    String requesterId = subject.ticket.map(Ticket::requesterId).orElse(null);
    String address = subject.ticket.map(Ticket::requesterEmail).filter(email -> !email.isBlank()).orElse(null);
    String source = "requesterEmail";
    if (address == null) {
      if (requesterId != null) {
        address = unchecked(() -> Optional.ofNullable(identity.createUserQuery().userId(requesterId).singleResult())
            .map(User::getEmail).map(String::strip).filter(email -> !email.isEmpty()).orElse(null));
        source = "user " + requesterId;
      }
    }
    if (address == null) {
      note(subject, "No mail '" + template + "': the requester has no email address");
      return;
    }
    if (!valid(address)) {
      note(subject, "No mail '" + template + "': the requester's email address (" + source + ") is not valid");
      return;
    }
    queue(subject, template, Map.of(languages.of(requesterId), List.of(address)), values(scope, subject, Map.of()));
  }

  /** Mails every member of {@code groupId} who has an email address, each in their own language. */
  public void toGroup(VariableScope scope, String groupId, String template) {
    if (!properties.isEnabled()) {
      return;
    }
    templates.require(template);
    Subject subject = subjectOf(scope);
    List<User> members = unchecked(() -> identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list());
    Set<String> addresses = new LinkedHashSet<>();
    Map<String, List<String>> byLanguage = new LinkedHashMap<>();
    List<String> without = new ArrayList<>();
    for (User member : members) {
      String email = member.getEmail() == null ? "" : member.getEmail().strip();
      if (valid(email)) {
        if (addresses.add(email)) {
          byLanguage.computeIfAbsent(languages.of(member.getId()), language -> new ArrayList<>()).add(email);
        }
      } else {
        without.add(member.getId());
      }
    }
    if (!without.isEmpty()) {
      note(subject, "No mail '" + template + "' to " + String.join(", ", without) + " of group " + groupId
          + ": no valid email address");
    }
    if (addresses.isEmpty()) {
      if (without.isEmpty()) {
        note(subject, "No mail '" + template + "': group " + groupId + " has no members");
      }
      return;
    }
    String groupName = unchecked(() -> Optional.ofNullable(identity.createGroupQuery().groupId(groupId).singleResult())
        .map(group -> group.getName()).orElse(groupId));
    queue(subject, template, byLanguage, values(scope, subject, Map.of("groupId", groupId, "groupName", groupName)));
  }

  /** Renders the template once per language and queues one mail per recipient. */
  private void queue(Subject subject, String template, Map<String, List<String>> recipientsByLanguage,
      Map<String, String> values) {
    Instant now = EngineClock.now();
    recipientsByLanguage.forEach((language, recipients) -> {
      MailTemplates.Mail mail = templates.render(language, template, withLabels(values, language));
      for (String recipient : recipients) {
        outbox.queue(subject.ticketId, template, recipient, mail, now);
      }
      if (subject.ticketId == null) {
        LOG.info("Mail '{}' ({}) queued for {} recipient(s), no ticket", template, language, recipients.size());
      }
    });
  }

  /** The values plus, for each contract value among them, its display name: {@code priorityLabel} and so on. */
  private static Map<String, String> withLabels(Map<String, String> values, String language) {
    Map<String, String> labelled = new LinkedHashMap<>(values);
    for (String variable : VocabularyLabels.VARIABLES) {
      String value = values.get(variable);
      if (value != null) {
        labelled.put(variable + "Label", VocabularyLabels.label(language, variable, value));
      }
    }
    return labelled;
  }

  /** What the templates may use: the ticket's fields, the process variables (simple values) and a few derived ones. */
  private Map<String, String> values(VariableScope scope, Subject subject, Map<String, String> extra) {
    Map<String, String> values = new LinkedHashMap<>();
    subject.ticket.ifPresent(t -> {
      put(values, "ticketId", t.ticketId());
      put(values, "requesterName", t.requesterName());
      put(values, "requesterEmail", t.requesterEmail());
      put(values, "requesterId", t.requesterId());
      put(values, "channel", t.channel());
      put(values, "subject", t.subject());
      put(values, "description", t.description());
      put(values, "location", t.location());
      put(values, "category", t.category());
      put(values, "impact", t.impact());
      put(values, "urgency", t.urgency());
      put(values, "priority", t.priority());
      put(values, "candidateGroup", t.candidateGroup());
      put(values, "status", t.status() == null ? null : t.status().name());
      put(values, "closeReason", t.closeReason());
      put(values, "handler", t.handler());
      put(values, "createdAt", t.createdAt());
      put(values, "responseDue", t.responseDue());
      put(values, "resolutionDue", t.resolutionDue());
      put(values, "reopenCount", t.reopenCount());
    });
    VariableMap variables = scope.getVariablesTyped(false);
    for (String name : variables.keySet()) {
      TypedValue typed = variables.getValueTyped(name);
      // The ticket record's fields win: it has one writer, while variables are what steps put there.
      if (typed != null && typed.getType() != null && typed.getType().isPrimitiveValueType() && typed.getValue() != null
          && !values.containsKey(name)) {
        put(values, name, typed.getValue());
      }
    }
    if (subject.ticketId != null) {
      values.put("ticketId", subject.ticketId);
    }
    String handler = values.get("handler");
    if (handler != null) {
      values.put("handlerName", fullName(handler));
    }
    Object expected = scope.getVariable("expectedResolution");
    if (expected != null) {
      try {
        values.put("expectedResolution", format(Instants.parse(expected)));
      } catch (IllegalArgumentException e) {
        values.put("expectedResolution", String.valueOf(expected));
      }
    }
    values.put("autoClosed", String.valueOf("AUTO_CLOSED".equals(values.get("closeReason"))));
    String publicUrl = publicUrl();
    values.put("publicUrl", publicUrl);
    values.put("tasklistUrl", publicUrl + "/camunda/app/tasklist/");
    values.put("cockpitUrl", subject.processInstanceId == null ? publicUrl + "/camunda/app/cockpit/"
        : publicUrl + "/camunda/app/cockpit/default/#/process-instance/" + subject.processInstanceId);
    values.put("timeZone", properties.getZone().getId());
    values.putAll(extra);
    return values;
  }

  /** {@code opsdesk.public-url}, the address people reach OpsDesk at; by default this server on localhost. */
  private String publicUrl() {
    String url = environment.getProperty("opsdesk.public-url");
    if (url == null || url.isBlank()) {
      url = "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
    return url.strip().replaceAll("/+$", "");
  }

  private void put(Map<String, String> values, String name, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Date date) {
      values.put(name, format(date.toInstant()));
    } else if (value instanceof Instant instant) {
      values.put(name, format(instant));
    } else {
      values.put(name, String.valueOf(value));
    }
  }

  private String format(Instant instant) {
    return TIME.format(instant.atZone(properties.getZone())) + " (" + properties.getZone().getId() + ")";
  }

  private String fullName(String userId) {
    return unchecked(() -> {
      User user = identity.createUserQuery().userId(userId).singleResult();
      if (user == null) {
        return userId;
      }
      String name = (blankToEmpty(user.getFirstName()) + " " + blankToEmpty(user.getLastName())).strip();
      return name.isEmpty() ? userId : name;
    });
  }

  /** The ticket a scope belongs to: the one of its own process instance (never a variable a caller could set). */
  private Subject subjectOf(VariableScope scope) {
    DelegateExecution execution = scope instanceof DelegateTask task ? task.getExecution()
        : scope instanceof DelegateExecution e ? e : null;
    String processInstanceId = execution == null ? null : execution.getProcessInstanceId();
    Optional<Ticket> ticket = processInstanceId == null ? Optional.empty() : tickets.findByProcessInstance(processInstanceId);
    return new Subject(ticket.map(Ticket::ticketId).orElse(null), processInstanceId, ticket);
  }

  private void note(Subject subject, String text) {
    if (subject.ticketId != null) {
      journal.record(subject.ticketId, "MAIL_SKIPPED", text);
    } else {
      LOG.info("{} (process instance {})", text, subject.processInstanceId);
    }
  }

  /**
   * Runs an identity lookup without Camunda's authorization checks: whoever completes a task may
   * not read other users, but the mail to them must still go out.
   */
  private <T> T unchecked(Supplier<T> lookup) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      boolean checking = context.isAuthorizationCheckEnabled();
      context.disableAuthorizationCheck();
      try {
        return lookup.get();
      } finally {
        if (checking) {
          context.enableAuthorizationCheck();
        }
      }
    });
  }

  static boolean valid(String address) {
    if (address == null || address.isBlank() || address.length() > 254) {
      return false;
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      return parsed.getAddress().equals(address.strip()) && address.contains("@");
    } catch (AddressException e) {
      return false;
    }
  }

  private static String blankToEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  private record Subject(String ticketId, String processInstanceId, Optional<Ticket> ticket) {
  }
}
