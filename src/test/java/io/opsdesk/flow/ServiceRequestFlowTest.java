package io.opsdesk.flow;

import java.util.List;

import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.JournalEntry;
import io.opsdesk.ticket.Ticket;
import io.opsdesk.ticket.TicketStatus;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.spin.Spin.JSON;

/** Every path of service-request, driven as the service desk, handlers and requesters would. */
class ServiceRequestFlowTest extends OpsDeskTest {

  @Test
  void classifiedRequestGoesFromAcceptanceToConfirmedClosure() {
    var request = phoneCall();
    request.put("requesterId", "alice");
    ProcessInstance instance = start("desk", request);

    Ticket opened = ticketOf(instance);
    assertThat(opened.ticketId()).matches("SR-\\d{4}-\\d{6}");
    assertThat(instance.getBusinessKey()).isEqualTo(opened.ticketId());
    assertThat(instance).hasVariables("ticketId", "priority", "candidateGroup", "responseDue", "resolutionDue");
    assertThat(runtime.getVariable(instance.getId(), "priority")).isEqualTo("IMPORTANT");
    assertThat(runtime.getVariable(instance.getId(), "reopenCount")).isEqualTo(0);
    assertThat(opened.status()).isEqualTo(TicketStatus.ASSIGNED);
    assertThat(opened.candidateGroup()).isEqualTo("hardware-support");

    Task accept = openTask(instance, "accept");
    assertThat(taskService.getIdentityLinksForTask(accept.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("hardware-support"));
    assertThat(accept.getDueDate()).isEqualTo(runtime.getVariable(instance.getId(), "responseDue"));

    work("tech", instance, "accept", vars("contactNote", "Called Li Wei, mail server console shows disk errors"));
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(ticketOf(instance).handler()).isEqualTo("tech");
    assertThat(openTask(instance, "diagnose").getAssignee()).isEqualTo("tech");

    work("tech", instance, "diagnose", vars("diagnosis", "RAID degraded", "rootCause", "Failed disk in slot 2",
        "needsConsultation", false));
    assertThat(openTask(instance, "resolve").getAssignee()).isEqualTo("tech");
    work("tech", instance, "resolve", vars("solution", "Replaced the disk and rebuilt the array"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "Mail flows again"));

    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.RESOLVED);
    Task confirm = openTask(instance, "confirm");
    assertThat(confirm.getAssignee()).isEqualTo("alice");
    work("alice", instance, "confirm", vars("satisfied", true, "satisfactionScore", 5, "feedback", "Quick, thanks"));

    assertThat(instance).isEnded().hasPassed("close");
    Ticket closed = ticketOf(instance);
    assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("CONFIRMED");
    assertThat(closed.satisfied()).isTrue();
    assertThat(closed.satisfactionScore()).isEqualTo(5);
    assertThat(closed.responseBreached()).isFalse();
    assertThat(closed.resolutionBreached()).isFalse();
    assertThat(closed.acceptedAt()).isNotNull();
    assertThat(closed.resolvedAt()).isNotNull();
    assertThat(closed.closedAt()).isNotNull();
    assertThat(historicVariable(instance, "responseBreached")).isEqualTo(false);
    assertThat(historicVariable(instance, "resolutionBreached")).isEqualTo(false);

    List<JournalEntry> entries = journal.entries(closed.ticketId());
    assertThat(entries).extracting(JournalEntry::kind).containsSubsequence(
        "OPENED", "ASSIGNED", "ACCEPTED", "TASK_COMPLETED", "TASK_COMPLETED", "TASK_COMPLETED", "RESOLVED",
        "TASK_COMPLETED", "CLOSED");
    assertThat(entries.get(0).actor()).isEqualTo("desk");
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("tech");
      assertThat(e.text()).contains("Diagnose problem completed", "rootCause: Failed disk in slot 2");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("alice");
      assertThat(e.text()).contains("satisfactionScore: 5");
    });
  }

  @Test
  void requestWithoutClassificationIsTriagedByTheServiceDesk() {
    var request = phoneCall();
    request.remove("category");
    request.put("impact", "");      // what an empty form field submits
    request.put("urgency", null);
    ProcessInstance instance = start("desk", request);

    assertThat(instance).isWaitingAt("triage");
    Task triage = openTask(instance, "triage");
    assertThat(taskService.getIdentityLinksForTask(triage.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("service-desk"));
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.NEW);

    work("desk", instance, "triage", vars("category", "NETWORK", "impact", "LOW", "urgency", "LOW"));

    assertThat(instance).isWaitingAt("accept");
    Ticket ticket = ticketOf(instance);
    assertThat(ticket.category()).isEqualTo("NETWORK");
    assertThat(ticket.priority()).isEqualTo("MINOR");
    assertThat(ticket.candidateGroup()).isEqualTo("network-support");
    assertThat(ticket.status()).isEqualTo(TicketStatus.ASSIGNED);
  }

  @Test
  void consultationAsksEveryConsultantAndThenGoesOnToResolve() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));
    Task diagnose = openTask(instance, "diagnose");
    assertThat(JSON(taskService.getVariableLocal(diagnose.getId(), "consultantOptions")).toString())
        .contains("\"value\":\"expert\"", "\"value\":\"senior\"").doesNotContain("\"value\":\"tech\"");

    work("tech", instance, "diagnose", vars("diagnosis", "Intermittent", "rootCause", "Unknown yet",
        "needsConsultation", true, "consultants", JSON("[\"expert\", \"senior\"]")));

    List<Task> consults = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("consult").list();
    assertThat(consults).extracting(Task::getAssignee).containsExactlyInAnyOrder("expert", "senior");
    work("expert", instance, "consult", vars("opinion", "Check the fan controller"));
    assertThat(instance).isWaitingAt("consult");
    assertThat(openTask(instance, "consult").getAssignee()).isEqualTo("senior");
    work("senior", instance, "consult", vars("opinion", "Replace the PSU"));

    assertThat(instance).isWaitingAt("resolve");
    // The handler's Resolve form shows who said what.
    assertThat(JSON(engine.getFormService().getTaskFormVariables(openTask(instance, "resolve").getId())
        .getValue("consultationOpinions", Object.class)).toString())
        .contains("{\"expert\":\"Expert Demo (expert)\",\"opinion\":\"Check the fan controller\"}",
            "(senior)\",\"opinion\":\"Replace the PSU\"}");
    assertThat(journal.entries(ticketOf(instance).ticketId())).extracting(JournalEntry::text)
        .anySatisfy(text -> assertThat(text).contains("opinion: Check the fan controller"))
        .anySatisfy(text -> assertThat(text).contains("opinion: Replace the PSU"));
  }

  @Test
  void consultantsMayAlsoComeAsAPlainList() {
    ProcessInstance instance = start("desk", phoneCall());
    diagnoseAsking(instance, "expert");
    assertThat(openTask(instance, "consult").getAssignee()).isEqualTo("expert");
  }

  @Test
  void failedVerificationGoesBackToDiagnosisByTheSameHandler() {
    ProcessInstance instance = start("desk", phoneCall());
    work("tech", instance, "accept", vars("contactNote", "Called"));
    work("tech", instance, "diagnose", vars("diagnosis", "d", "rootCause", "r", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "Restarted the service"));
    work("tech", instance, "verify", vars("verified", false, "verificationNote", "Fails again after 5 minutes"));

    assertThat(instance).isWaitingAt("diagnose");
    assertThat(openTask(instance, "diagnose").getAssignee()).isEqualTo("tech");
    assertThat(ticketOf(instance).status()).isEqualTo(TicketStatus.IN_PROGRESS);
  }

  @Test
  void unsatisfiedRequesterReopensTheRequestAtDiagnosis() {
    ProcessInstance instance = start("desk", phoneCall());
    handleUntilConfirmation(instance);
    assertThat(instance).isWaitingAt("confirm");
    work("desk", instance, "confirm", vars("satisfied", false, "satisfactionScore", 2, "feedback", "Still slow"));

    assertThat(instance).isWaitingAt("diagnose");
    assertThat(openTask(instance, "diagnose").getAssignee()).isEqualTo("tech");
    assertThat(runtime.getVariable(instance.getId(), "reopenCount")).isEqualTo(1);
    Ticket reopened = ticketOf(instance);
    assertThat(reopened.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(reopened.reopenCount()).isEqualTo(1);
    assertThat(reopened.resolvedAt()).isNull();
    assertThat(journalKinds(reopened)).contains("REOPENED");
    // The reopened Diagnose form shows why it came back (fields hidden while reopenCount is 0).
    assertThat(engine.getFormService().getTaskFormVariables(openTask(instance, "diagnose").getId()))
        .containsEntry("feedback", "Still slow").containsEntry("satisfactionScore", 2).containsEntry("reopenCount", 1);

    work("tech", instance, "diagnose", vars("diagnosis", "d2", "rootCause", "r2", "needsConsultation", false));
    work("tech", instance, "resolve", vars("solution", "s2"));
    work("tech", instance, "verify", vars("verified", true, "verificationNote", "ok"));
    work("desk", instance, "confirm", vars("satisfied", true, "satisfactionScore", 4));

    assertThat(instance).isEnded();
    Ticket closed = ticketOf(instance);
    assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.reopenCount()).isEqualTo(1);
    assertThat(closed.satisfactionScore()).isEqualTo(4);
  }

  @Test
  void confirmationGoesToTheServiceDeskWhenTheRequesterHasNoLogin() {
    ProcessInstance instance = start("desk", phoneCall());
    handleUntilConfirmation(instance);
    assertThat(instance).isWaitingAt("confirm");
    Task confirm = openTask(instance, "confirm");
    assertThat(confirm.getAssignee()).isNull();
    assertThat(taskService.getIdentityLinksForTask(confirm.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("service-desk"));
  }

  @Test
  void unansweredConfirmationClosesTheRequestAutomatically() {
    ProcessInstance instance = start("desk", phoneCall());
    handleUntilConfirmation(instance);
    assertThat(instance).isWaitingAt("confirm");
    var timer = timer(instance, "timer-confirmation-overdue");
    assertThat(timer).isNotNull();

    management.executeJob(timer.getId());

    assertThat(instance).isEnded().hasPassed("auto-close");
    Ticket closed = ticketOf(instance);
    assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("AUTO_CLOSED");
    assertThat(closed.satisfactionScore()).isNull();
  }


  private Object historicVariable(ProcessInstance instance, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name)
        .singleResult().getValue();
  }
}
