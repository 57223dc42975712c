package io.opsdesk.inspection.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** credentialRef resolution from configuration, environment variables included. */
class CredentialsTest {

  @Test
  void resolvesFromEnvironmentVariablesAndNeverPrintsThePassword() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
        "OPSDESK_CREDENTIALS_RACK_A_BMC_USERNAME", "monitor", "OPSDESK_CREDENTIALS_RACK_A_BMC_PASSWORD", "s3cret-from-env")));
    Credentials credentials = new Credentials(environment);

    Credentials.Login login = credentials.find("rack-a-bmc").orElseThrow();

    assertThat(login.username()).isEqualTo("monitor");
    assertThat(login.password()).isEqualTo("s3cret-from-env");
    assertThat(login.toString()).doesNotContain("s3cret");
  }

  @Test
  void badOrIncompleteReferencesResolveToNothing() {
    Credentials credentials = RedfishFixtures.credentials();

    assertThat(credentials.find("bmc")).isPresent();
    assertThat(credentials.find("missing")).isEmpty();
    assertThat(credentials.find(null)).isEmpty();
    assertThat(credentials.find("bmc.username")).isEmpty();
    assertThat(credentials.find("../bmc")).isEmpty();
  }

  @Test
  void credentialsGoOnlyToTheirConfiguredHosts() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
        "OPSDESK_CREDENTIALS_RACK_A_BMC_USERNAME", "monitor", "OPSDESK_CREDENTIALS_RACK_A_BMC_PASSWORD", "s3cret-from-env",
        "OPSDESK_CREDENTIALS_RACK_A_BMC_HOSTS", "bmc-a1.example.net,192.0.2.7, [2001:db8::7]",
        "OPSDESK_CREDENTIALS_LAB_USERNAME", "monitor", "OPSDESK_CREDENTIALS_LAB_PASSWORD", "no-hosts-given")));
    Credentials credentials = new Credentials(environment);

    assertThat(credentials.allowHost("rack-a-bmc", "BMC-A1.example.net")).isTrue();
    assertThat(credentials.allowHost("rack-a-bmc", "192.0.2.7")).isTrue();
    assertThat(credentials.allowHost("rack-a-bmc", "[2001:db8::7]")).isTrue();
    assertThat(credentials.allowHost("rack-a-bmc", "attacker.example.net")).isFalse();
    assertThat(credentials.allowHost("rack-a-bmc", "bmc-a1.example.net.attacker.example.net")).isFalse();
    assertThat(credentials.allowHost("lab", "192.0.2.7")).as("no hosts configured: none").isFalse();
    assertThat(credentials.allowHost("rack-a-bmc", null)).isFalse();
  }
}
