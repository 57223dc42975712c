package io.opsdesk.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.Assets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * TEMPORARY: an in-memory inventory for the daily-inspection tests until the inventory
 * (io.opsdesk.inspection.asset, table asset) is merged; then delete this class and its @Import in
 * OpsDeskTest, and let the tests register assets through the real repository.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestInventory {

  /** Assets the tests put in and take out again. */
  public static class InMemoryAssets implements Assets {

    private final Map<String, Asset> assets = new ConcurrentSkipListMap<>();

    public void put(Asset asset) {
      assets.put(asset.assetId(), asset);
    }

    public void clear() {
      assets.clear();
    }

    @Override
    public List<Asset> all() {
      return List.copyOf(assets.values());
    }

    @Override
    public Optional<Asset> find(String assetId) {
      return Optional.ofNullable(assets.get(assetId));
    }
  }

  @Bean
  @ConditionalOnMissingBean(Assets.class)
  InMemoryAssets testInventory() {
    return new InMemoryAssets();
  }
}
