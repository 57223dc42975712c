package io.opsdesk.inspection.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.simulator.RedfishSimulator;
import io.opsdesk.inspection.simulator.RedfishSimulatorConfig;

/**
 * Profile demo-data as shipped: application-demo-data.yaml's credentials, the simulator bean, and the
 * demo inventory's two servers inspected through it (healthy, and exactly the planted faults).
 */
class DemoDataTest {

  @Test
  void demoInventoryIsInspectableThroughTheSimulatorOfTheProfile() {
    new ApplicationContextRunner()
        .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(demoProperties()))
        .withPropertyValues("spring.profiles.active=demo-data", "opsdesk.simulator.port=0")
        .withUserConfiguration(RedfishSimulatorConfig.class, Credentials.class)
        .run(context -> {
          RedfishSimulator simulator = context.getBean(RedfishSimulator.class);
          List<Asset> inventory = inventory().stream().filter(asset -> asset.type() == AssetType.SERVER).toList();
          assertThat(inventory).extracting(Asset::assetId).containsExactly("srv-demo-01", "srv-demo-02");
          assertThat(inventory).allSatisfy(asset -> {
            assertThat(asset.type()).isEqualTo(AssetType.SERVER);
            assertThat(asset.ownerGroup()).isEqualTo("hardware-support");
            assertThat(asset.redfishUrl()).startsWith("http://127.0.0.1:8631/");
          });

          RedfishInspector inspector = new RedfishInspector(RedfishFixtures.fastProperties(),
              context.getBean(Credentials.class), RedfishFixtures.certificateDecision());
          List<Finding> healthy = inspector.inspect(onPort(inventory.get(0), simulator.port()));
          List<Finding> faulty = inspector.inspect(onPort(inventory.get(1), simulator.port()));

          assertThat(healthy).hasSizeGreaterThan(10).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
          RedfishFixtures.assertPlantedFaults(faulty, "0 % (critical ≤ 10 %)");
        });
    new ApplicationContextRunner().withUserConfiguration(RedfishSimulatorConfig.class, Credentials.class)
        .run(context -> assertThat(context).doesNotHaveBean(RedfishSimulator.class));
  }

  private static org.springframework.core.env.PropertySource<?> demoProperties() {
    try {
      return new YamlPropertySourceLoader().load("demo-data", new ClassPathResource("application-demo-data.yaml")).get(0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Asset> inventory() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    try (InputStream in = new ClassPathResource("demo/inventory.yaml").getInputStream()) {
      List<Asset> assets = new ArrayList<>();
      for (JsonNode asset : yaml.readTree(in).path("assets")) {
        assets.add(yaml.treeToValue(asset, Asset.class));
      }
      return assets;
    }
  }

  // The shipped inventory names port 8631; the test's simulator runs on a free port.
  private static Asset onPort(Asset asset, int port) {
    return new Asset(asset.assetId(), asset.type(), asset.location(), asset.ownerGroup(),
        asset.redfishUrl().replace(":8631/", ":" + port + "/"), asset.credentialRef(), asset.host(), asset.ports(),
        asset.requiredParts());
  }
}
