package io.opsdesk.inspection.asset;

import java.util.List;
import java.util.Set;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the inventory file: every entry judged by the API's rules, a bad one named with its fields. */
class InventoryFileTest {

  private final AssetRules rules = new AssetRules(Set.of("hardware-support", "network-support")::contains,
      "lab-bmc"::equals, (ref, host) -> "192.0.2.21".equals(host));

  @Test
  void aValidFileGivesItsAssetsAsThePostWouldStoreThem() {
    List<Asset> assets = InventoryFile.read(new ClassPathResource("inventory/valid.yaml"), rules);

    assertThat(assets).containsExactly(
        new Asset("test-file-srv-01", AssetType.SERVER, "Building A, rack 3", "hardware-support",
            "https://192.0.2.21", "lab-bmc", null, List.of(), List.of("PSU 1", "PSU 2")),
        new Asset("test-file-sw-01", AssetType.NETWORK, "Building A, floor 2", "network-support",
            null, null, "core-sw1.example.net", List.of(22, 443), List.of()));
  }

  @Test
  void aListAtTheTopLevelIsReadToo() {
    assertThat(InventoryFile.read(new ClassPathResource("inventory/top-level-list.yaml"), rules))
        .extracting(Asset::assetId, Asset::host).containsExactly(org.assertj.core.groups.Tuple.tuple("test-file-list-01", "fe80::1"));
  }

  @Test
  void badEntriesAreNamedWithTheirFieldsAndNoSecretIsEchoed() {
    assertThatThrownBy(() -> InventoryFile.read(new ClassPathResource("inventory/invalid.yaml"), rules))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inventory/invalid.yaml")
        .hasMessageContaining("nothing was saved")
        .hasMessageContaining("entry 2 (test-file-srv-02): ")
        .hasMessageContaining("password is never accepted")
        .hasMessageContaining("redfishUrl must be an absolute http or https URL")
        .hasMessageContaining("entry 3 (test-file-ok-01): assetId repeats entry 1")
        .hasMessageContaining("entry 4: must be a mapping of asset fields")
        .hasMessageNotContaining("entry 1 ")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aFieldGivenTwiceRefusesTheFile() {
    assertThatThrownBy(() -> InventoryFile.read(new ClassPathResource("inventory/duplicate-key.yaml"), rules))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not valid YAML")
        .hasMessageContaining("assetId");
  }

  @Test
  void aMissingFileRefusesTheStartUp() {
    assertThatThrownBy(() -> InventoryFile.read(new ClassPathResource("inventory/missing.yaml"), rules))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inventory/missing.yaml] cannot be read");
  }
}
