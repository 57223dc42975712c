package io.opsdesk.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models the jar carries (processes/ and forms/) when the engine starts, and only those
 * that changed since the jar last deployed them: Camunda's duplicate filtering compares with the
 * latest deployment of the same name and source. A model a process owner deployed later from
 * Camunda Modeler has another source, so a restart leaves it the latest version instead of silently
 * bringing the jar's old one back.
 */
@Component
public class ModelDeployment extends AbstractProcessEnginePlugin {

  /** Marks deployments made from the jar, as opposed to those from Modeler or the REST API. */
  public static final String SOURCE = "opsdesk-jar";

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployment.class);
  private static final String[] PATTERNS = {
      "classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form"};

  private final String deploymentName;

  public ModelDeployment(@Value("${opsdesk.deployment-name:opsdesk}") String deploymentName) {
    this.deploymentName = deploymentName;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .name(deploymentName)
        .source(SOURCE)
        .enableDuplicateFiltering(true);
    var resolver = new PathMatchingResourcePatternResolver(ModelDeployment.class.getClassLoader());
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/') + 1);
        for (Resource resource : resolver.getResources(pattern)) {
          try (InputStream in = resource.getInputStream()) {
            deployment.addInputStream(folder + resource.getFilename(), new ByteArrayInputStream(in.readAllBytes()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the models in the jar", e);
    }
    DeploymentWithDefinitions deployed = deployment.deployWithResult();
    LOG.info("Models from the jar: deployment {} with {} changed process(es) and {} decision(s)", deployed.getId(),
        sizeOf(deployed.getDeployedProcessDefinitions()), sizeOf(deployed.getDeployedDecisionDefinitions()));
  }

  private static int sizeOf(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
