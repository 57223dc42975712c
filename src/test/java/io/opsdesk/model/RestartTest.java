package io.opsdesk.model;

import java.nio.file.Path;

import io.opsdesk.OpsDeskApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Real restarts of the application on one H2 file database, as `java -jar` would do them. */
@Tag("single-run")
class RestartTest {

  @TempDir
  Path dataDir;

  @Test
  void restartKeepsTheModelerVersionAndDoesNotRedeployUnchangedModels() {
    String modelerDeployment;
    try (ConfigurableApplicationContext first = startApplication()) {
      RepositoryService repository = first.getBean(ProcessEngine.class).getRepositoryService();
      assertThat(repository.createDeploymentQuery().deploymentSource(ModelDeployment.SOURCE).count()).isEqualTo(1);
      String edited = new String(repository.getResourceAsStream(latestSla(repository).getDeploymentId(),
          "processes/sla.dmn").readAllBytes()).replace("\"PT24H\"", "\"PT12H\"");
      modelerDeployment = repository.createDeployment().name("sla change").source("Camunda Modeler")
          .addString("sla.dmn", edited).deploy().getId();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    try (ConfigurableApplicationContext second = startApplication()) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      RepositoryService repository = engine.getRepositoryService();
      assertThat(repository.createDeploymentQuery().deploymentSource(ModelDeployment.SOURCE).count()).isEqualTo(1);
      assertThat(latestSla(repository).getDeploymentId()).isEqualTo(modelerDeployment);
      Object resolutionTime = engine.getDecisionService().evaluateDecisionByKey("sla")
          .variables(Variables.putValue("priority", "MINOR")).evaluate().getSingleResult().getEntry("resolutionTime");
      assertThat(resolutionTime).isEqualTo("PT12H");
    }
  }

  private ConfigurableApplicationContext startApplication() {
    return new SpringApplicationBuilder(OpsDeskApplication.class).run(
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("opsdesk") + ";DB_CLOSE_ON_EXIT=FALSE",
        "--server.port=0",
        "--camunda.bpm.process-engine-name=restart-test",
        "--camunda.bpm.job-execution.enabled=false");
  }

  private static DecisionDefinition latestSla(RepositoryService repository) {
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey("sla").latestVersion().singleResult();
  }
}
