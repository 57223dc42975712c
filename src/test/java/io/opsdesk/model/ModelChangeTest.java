package io.opsdesk.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.opsdesk.sla.SlaCalendars;
import io.opsdesk.testsupport.OpsDeskTest;
import io.opsdesk.ticket.Ticket;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process owner edits processes/sla.dmn in Camunda Modeler (MINOR: resolve within 12 instead of 24
 * hours) and deploys it the way Modeler does, through the engine REST API. No Java changes; new
 * requests follow the new table (counted on MINOR's business calendar), and the jar's start-up
 * deployment does not bring the old one back.
 */
class ModelChangeTest extends OpsDeskTest {

  @Autowired
  ModelDeployment modelDeployment;

  @Autowired
  SlaCalendars calendars;

  private String modelerDeploymentId;

  @AfterEach
  void removeTheChange() {
    if (modelerDeploymentId != null) {
      engine.getRepositoryService().deleteDeployment(modelerDeploymentId, true);
    }
  }

  @Test
  void changedSlaTableTakesEffectForNewRequestsAndSurvivesTheStartUpDeployment() throws IOException {
    String edited = Files.readString(Path.of("processes/sla.dmn")).replace("\"PT24H\"", "\"PT12H\"");
    modelerDeploymentId = deployLikeModeler("sla.dmn", edited);

    assertThat(resolutionTimeOfANewMinorRequest()).isEqualTo(Duration.ofHours(12));

    modelDeployment.postProcessEngineBuild(engine); // what every start-up of the jar does
    DecisionDefinition latest = engine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey("sla").latestVersion().singleResult();
    assertThat(latest.getDeploymentId()).isEqualTo(modelerDeploymentId);
    assertThat(resolutionTimeOfANewMinorRequest()).isEqualTo(Duration.ofHours(12));
  }

  private Duration resolutionTimeOfANewMinorRequest() {
    var request = phoneCall();
    request.put("impact", "LOW");
    request.put("urgency", "LOW");
    Ticket ticket = ticketOf(start("desk", request));
    assertThat(ticket.priority()).isEqualTo("MINOR");
    // MINOR runs on the business calendar: working time counts.
    return calendars.get("business").between(ticket.createdAt(), ticket.resolutionDue());
  }

  private String deployLikeModeler(String fileName, String content) {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("deployment-name", "sla change");
    form.add("deployment-source", "Camunda Modeler");
    form.add("deploy-changed-only", "false");
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(MediaType.APPLICATION_XML);
    form.add(fileName, new HttpEntity<>(new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    }, fileHeaders));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<Map> response = rest.withBasicAuth("admin", "admin")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), Map.class);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return (String) response.getBody().get("id");
  }
}
