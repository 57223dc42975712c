package io.opsdesk.inspection.asset;

import java.util.List;

import io.opsdesk.OpsDeskApplication;
import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.Assets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inventory file at start-up: its assets are there once OpsDesk runs; a bad entry refuses the start. */
@Tag("single-run")
class InventoryStartTest {

  @Test
  void theAssetsOfTheFileAreThereOnceOpsDeskRuns() {
    try (ConfigurableApplicationContext app = start("classpath:inventory/valid.yaml")) {
      assertThat(app.getBean(Assets.class).all()).extracting(Asset::assetId)
          .containsExactly("test-file-srv-01", "test-file-sw-01");
    }
  }

  @Test
  void aBadEntryRefusesTheStartNamingEntryAndField() {
    assertThatThrownBy(() -> start("classpath:inventory/invalid.yaml").close())
        .hasMessageContaining("entry 2 (test-file-srv-02)")
        .hasMessageContaining("redfishUrl must be an absolute http or https URL")
        .hasMessageNotContaining("hunter2");
  }

  private static ConfigurableApplicationContext start(String inventory) {
    List<String> args = List.of(
        "--spring.datasource.url=jdbc:h2:mem:inventory-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "--server.port=0",
        "--camunda.bpm.process-engine-name=inventory-test",
        "--camunda.bpm.job-execution.enabled=false",
        "--opsdesk.scheduling.enabled=false",
        "--opsdesk.notify.enabled=false",
        "--" + AssetRules.CREDENTIALS_PREFIX + TestAssets.REF + ".username=inspector",
        "--" + AssetRules.CREDENTIALS_PREFIX + TestAssets.REF + ".hosts=192.0.2.21",
        "--opsdesk.inspection.inventory-file=" + inventory);
    return new SpringApplicationBuilder(OpsDeskApplication.class).run(args.toArray(String[]::new));
  }
}
