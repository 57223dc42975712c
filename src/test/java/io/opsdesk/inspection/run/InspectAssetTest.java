package io.opsdesk.inspection.run;

import java.util.List;
import java.util.Optional;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetInspector;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Assets;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What an inspection that cannot be made records: a monitoring failure, never an exception. */
class InspectAssetTest {

  private final Asset server = new Asset("srv-01", AssetType.SERVER, "Room 1", "hardware-support",
      "https://10.0.0.1", "bmc-ref", null, null, null);
  private final Asset device = new Asset("sw-01", AssetType.NETWORK, "Rack 1", "network-support", null, null,
      "10.0.0.2", List.of(22), null);
  private final Assets inventory = mock(Assets.class);

  @BeforeEach
  void inventory() {
    when(inventory.find(anyString())).thenReturn(Optional.empty());
    when(inventory.find(server.assetId())).thenReturn(Optional.of(server));
    when(inventory.find(device.assetId())).thenReturn(Optional.of(device));
  }

  @Test
  void anInspectorThatThrowsIsAnUnknownReadingWithoutTheExceptionsMessage() {
    InspectAsset step = step(inspector(AssetType.SERVER, asset -> {
      throw new IllegalStateException("https://user:secret@10.0.0.1 said no");
    }));

    assertThat(step.inspect("srv-01")).containsExactly(new Finding("srv-01", "BMC", "BMC", Severity.UNKNOWN,
        "inspection failed (IllegalStateException)"));
  }

  @Test
  void aMissingInspectorOrAssetOrReadingIsUnknownToo() {
    InspectAsset step = step(inspector(AssetType.SERVER, asset -> List.of()));

    assertThat(step.inspect("sw-01")).containsExactly(new Finding("sw-01", "host", "PORT", Severity.UNKNOWN,
        "no inspector for NETWORK assets"));
    assertThat(step.inspect("srv-01")).containsExactly(new Finding("srv-01", "BMC", "BMC", Severity.UNKNOWN,
        "nothing to check"));
    assertThat(step.inspect("gone-01")).containsExactly(new Finding("gone-01", "inventory", "HEALTH",
        Severity.UNKNOWN, "asset no longer in the inventory"));
  }

  @Test
  void twoInspectorsForOneTypeAreRefused() {
    assertThatThrownBy(() -> step(inspector(AssetType.NETWORK, a -> List.of()), inspector(AssetType.NETWORK, a -> List.of())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("NETWORK");
  }

  private InspectAsset step(AssetInspector... inspectors) {
    return new InspectAsset(inventory, null, List.of(inspectors), new InspectionSettings());
  }

  private static AssetInspector inspector(AssetType type, java.util.function.Function<Asset, List<Finding>> inspect) {
    return new AssetInspector() {
      @Override
      public AssetType type() {
        return type;
      }

      @Override
      public List<Finding> inspect(Asset asset) {
        return inspect.apply(asset);
      }
    };
  }
}
