package io.opsdesk.web;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** The starter's engine REST configuration, plus our answer to refused input. */
@Component
public class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(RefusedInputMapper.class);
    register(RefusedInputMapper.Unwrapped.class);
  }
}
