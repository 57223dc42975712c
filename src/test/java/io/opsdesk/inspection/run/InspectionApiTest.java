package io.opsdesk.inspection.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.asset.AssetRepository;
import io.opsdesk.testsupport.OpsDeskTest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GET /api/inspections and /api/inspections/{runId}: the record for staff, and who may start a run. */
class InspectionApiTest extends OpsDeskTest {

  @Autowired AssetRepository inventory;
  @Autowired InspectionRecords records;

  @AfterEach
  void emptyInventory() {
    inventory.all().forEach(asset -> inventory.delete(asset.assetId()));
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void staffReadRunsNewestFirstWithCountsAndEveryReading() throws IOException {
    String switchId = "sw-" + UUID.randomUUID().toString().substring(0, 8);
    int open;
    int closed;
    try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      open = listening.getLocalPort();
      closed = gone.getLocalPort();
      gone.close();
      inventory.save(new Asset(switchId, AssetType.NETWORK, "Rack 2", "network-support", null, null, "127.0.0.1",
          List.of(open, closed), null), "test");
      inspect();
    }
    String older = latestRunId();
    inventory.all().forEach(asset -> inventory.delete(asset.assetId()));
    inspect();
    String newest = latestRunId();

    ResponseEntity<List> runs = rest.withBasicAuth("desk", "desk").getForEntity("/api/inspections", List.class);
    assertThat(runs.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> body = runs.getBody();
    List<Object> ids = body.stream().map(run -> run.get("runId")).toList();
    assertThat(ids.indexOf(newest)).isLessThan(ids.indexOf(older));
    Map<String, Object> olderRun = body.get(ids.indexOf(older));
    assertThat(olderRun).containsEntry("assets", 1).containsKeys("startedAt", "finishedAt");
    assertThat((Map<String, Object>) olderRun.get("counts"))
        .containsEntry("OK", 1).containsEntry("WARNING", 0).containsEntry("CRITICAL", 1).containsEntry("UNKNOWN", 0);

    ResponseEntity<Map> detail = rest.withBasicAuth("tech", "tech").getForEntity("/api/inspections/" + older, Map.class);
    assertThat(detail.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> findings = (List<Map<String, Object>>) detail.getBody().get("findings");
    assertThat(findings).extracting(f -> f.get("component")).containsExactly("tcp/" + open, "tcp/" + closed);
    assertThat(findings.get(0)).containsEntry("assetId", switchId).containsEntry("check", "PORT")
        .containsEntry("severity", "OK").containsEntry("ticketId", null);
    assertThat(findings.get(1)).containsEntry("severity", "CRITICAL");
    assertThat((String) findings.get(1).get("ticketId")).startsWith("SR-");
  }

  @ParameterizedTest
  @ValueSource(strings = {"desk", "tech", "lead", "admin"})
  void staffMayRead(String user) {
    assertThat(rest.withBasicAuth(user, user).getForEntity("/api/inspections", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth(user, user).getForEntity("/api/inspections/INS-19990101-0730", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void requestersAndStrangersMayNot() {
    inspect();
    String runId = latestRunId();
    assertThat(rest.withBasicAuth("alice", "alice").getForEntity("/api/inspections", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("alice", "alice").getForEntity("/api/inspections/" + runId, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/inspections", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void supervisorsStartRunsByHandOthersMayNot() {
    ProcessInstance byLead = as("lead", () -> runtime.startProcessInstanceByKey("daily-inspection"));
    assertThat(byLead.getId()).isNotNull();
    runJobs();
    for (String user : List.of("tech", "desk", "alice")) {
      assertThatThrownBy(() -> as(user, () -> runtime.startProcessInstanceByKey("daily-inspection")))
          .as(user).isInstanceOf(AuthorizationException.class);
    }
    String formRef = engine.getFormService().getStartFormData(byLead.getProcessDefinitionId()).getCamundaFormRef().getKey();
    assertThat(formRef).isEqualTo("daily-inspection-start");
  }

  @Test
  @SuppressWarnings("rawtypes")
  void theEngineRestApiStartsARunForNamedAssetsAndRefusesUnknownOnesNamingAssetIds() {
    String switchId = "sw-" + UUID.randomUUID().toString().substring(0, 8);
    inventory.save(new Asset(switchId, AssetType.NETWORK, "Rack 3", "network-support", null, null, "127.0.0.1",
        List.of(), null), "test");
    String url = "/engine-rest/process-definition/key/daily-inspection/start";

    ResponseEntity<Map> started = rest.withBasicAuth("lead", "lead").postForEntity(url,
        Map.of("variables", Map.of("assetIds", Map.of("value", "[\"" + switchId + "\"]", "type", "Json"))), Map.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    runJobs();
    String runId = records.runOfInstance((String) started.getBody().get("id")).orElseThrow().runId();
    assertThat(records.readings(runId)).extracting(InspectionRecords.Reading::assetId).containsExactly(switchId);

    ResponseEntity<Map> refused = rest.withBasicAuth("lead", "lead").postForEntity(url,
        Map.of("variables", Map.of("assetIds", Map.of("value", "[\"no-such-switch\"]", "type", "Json"))), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(((Map<?, ?>) refused.getBody().get("errors")).containsKey("assetIds")).isTrue();
  }

  private void inspect() {
    as("lead", () -> runtime.startProcessInstanceByKey("daily-inspection"));
    runJobs();
  }

  private String latestRunId() {
    return records.runs(1).get(0).runId();
  }
}
