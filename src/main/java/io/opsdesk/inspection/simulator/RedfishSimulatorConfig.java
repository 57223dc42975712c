package io.opsdesk.inspection.simulator;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import io.opsdesk.inspection.redfish.Credentials;
import io.opsdesk.inspection.redfish.Credentials.Login;

/** Profile {@code demo-data}: the Redfish simulator runs beside OpsDesk, for the demo inventory's servers. */
@Configuration
@Profile("demo-data")
public class RedfishSimulatorConfig {

  /** The credential reference of the demo inventory's servers (application-demo-data.yaml). */
  static final String DEMO_CREDENTIALS = "demo-bmc";

  @Bean(destroyMethod = "close")
  RedfishSimulator redfishSimulator(Credentials credentials,
      @Value("${opsdesk.simulator.port:" + RedfishSimulator.DEFAULT_PORT + "}") int port) throws IOException {
    Login login = credentials.find(DEMO_CREDENTIALS).orElseThrow(() -> new IllegalStateException(
        "profile demo-data needs opsdesk.credentials." + DEMO_CREDENTIALS + ".username and .password"));
    return RedfishSimulator.http(new RedfishMockupHandler(RedfishSimulator.MOCKUPS, login.username(), login.password()), port);
  }
}
