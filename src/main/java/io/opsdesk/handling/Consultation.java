package io.opsdesk.handling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.opsdesk.access.InstanceAccess;
import io.opsdesk.ticket.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import static org.camunda.spin.Spin.JSON;

/**
 * The expert consultation of manual 4.2.3: who may be asked (offered on the diagnose form), who
 * was asked (checked when diagnose completes), the list the consult tasks are created from, and
 * the opinions they give, collected for the handler's Resolve form.
 */
@Component("consultation")
public class Consultation {

  static final int MAX_CONSULTANTS = 10;
  /**
   * The opinions given so far, a JSON list of {expert, opinion} shown on Resolve. JSON, not text:
   * ten opinions of up to 4,000 characters would not fit Camunda's String column.
   */
  static final String OPINIONS = "consultationOpinions";

  private final IdentityService identityService;
  private final InstanceAccess access;

  public Consultation(IdentityService identityService, InstanceAccess access) {
    this.identityService = identityService;
    this.access = access;
  }

  /** Create listener of diagnose: colleagues of the handler's group, as options for the form. */
  public void offer(DelegateTask task) {
    String group = (String) task.getVariable("candidateGroup");
    String handler = task.getAssignee();
    List<Map<String, String>> options = new ArrayList<>();
    for (User user : identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
      if (!user.getId().equals(handler)) {
        String name = (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim();
        options.add(Map.of("label", name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")", "value", user.getId()));
      }
    }
    task.setVariableLocal("consultantOptions", JSON(options));
  }

  /** Complete listener of diagnose: a consultation names at least one existing colleague. */
  public void check(DelegateTask task) {
    if (!Boolean.TRUE.equals(task.getVariable("needsConsultation"))) {
      return;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> consultants;
    try {
      consultants = consultantsOf(task);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Task diagnose not completed", Map.of("consultants", e.getMessage()));
    }
    if (consultants.isEmpty()) {
      errors.put("consultants", "must name at least one user when needsConsultation is true");
    } else if (consultants.size() > MAX_CONSULTANTS) {
      errors.put("consultants", "must name at most " + MAX_CONSULTANTS + " users");
    } else {
      List<String> unknown = consultants.stream()
          .filter(id -> identityService.createUserQuery().userId(id).count() == 0)
          .toList();
      if (!unknown.isEmpty()) {
        errors.put("consultants", "names unknown users: " + String.join(", ", unknown));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Task diagnose not completed", errors);
    }
    // A consultant reads the request they are asked about, in Tasklist and through /api.
    consultants.forEach(consultant -> access.letUserRead(task.getProcessInstanceId(), consultant));
  }

  /**
   * Complete listener of consult: the opinion (local to each consult task) joins the process's
   * list, with who gave it. Runs after the task's input check, so the opinion is valid text.
   */
  public void recordOpinion(DelegateTask task) {
    SpinJsonNode opinions = task.getVariable(OPINIONS) instanceof SpinJsonNode given ? given : JSON("[]");
    String expert = task.getAssignee();
    User user = expert == null ? null : identityService.createUserQuery().userId(expert).singleResult();
    String name = user == null ? "" : (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim();
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("expert", name.isEmpty() ? String.valueOf(expert) : name + " (" + expert + ")");
    entry.put("opinion", String.valueOf(task.getVariable("opinion")).trim());
    opinions.append(JSON(entry));
    // Not local: the list outlives the consult tasks, up to the process instance.
    task.getExecution().getProcessInstance().setVariable(OPINIONS, opinions);
  }

  /**
   * The consultants' user ids, distinct, from whatever form the variable came in: a list, a JSON
   * array (Spin or text), or comma-separated text.
   */
  public List<String> consultantsOf(VariableScope scope) {
    Object value = scope.getVariable("consultants");
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    if (value == null) {
      return List.of();
    } else if (value instanceof Collection<?> list) {
      list.forEach(item -> ids.add(String.valueOf(item).trim()));
    } else if (value instanceof SpinJsonNode json) {
      addJsonArray(json, ids);
    } else if (value instanceof String text && text.trim().startsWith("[")) {
      addJsonArray(JSON(text), ids);
    } else if (value instanceof String text) {
      for (String id : text.split(",")) {
        ids.add(id.trim());
      }
    } else {
      throw new IllegalArgumentException("must be a list of user ids");
    }
    ids.remove("");
    return List.copyOf(ids);
  }

  private static void addJsonArray(SpinJsonNode json, Collection<String> ids) {
    if (!json.isArray()) {
      throw new IllegalArgumentException("must be a JSON array of user ids");
    }
    for (SpinJsonNode item : json.elements()) {
      if (!item.isString()) {
        throw new IllegalArgumentException("must be a JSON array of user ids");
      }
      ids.add(item.stringValue().trim());
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
