package io.opsdesk.inspection.asset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/** Valid assets for tests, and the BMC credentials their servers name. */
public final class TestAssets {

  public static final String REF = "lab-bmc";
  private static final String SOURCE = "test-bmc-credentials";

  private TestAssets() {
  }

  /**
   * Configures credentials named {@value #REF} in the shared test context, in its environment at run time:
   * a property of the test class would fork a context of its own.
   */
  public static void configureCredentials(Environment environment) {
    var sources = ((ConfigurableEnvironment) environment).getPropertySources();
    if (!sources.contains(SOURCE)) {
      sources.addLast(new MapPropertySource(SOURCE, Map.of(
          AssetRules.CREDENTIALS_PREFIX + REF + ".username", "inspector",
          AssetRules.CREDENTIALS_PREFIX + REF + ".password", "test-only-bmc-password",
          // The tests' BMCs: documentation and loopback addresses only.
          AssetRules.CREDENTIALS_PREFIX + REF + ".hosts", "192.0.2.21, 127.0.0.1, fe80::1, bmc-01.example.net")));
    }
  }

  /** A server as POST /api/assets takes it. */
  public static Map<String, Object> server(String assetId) {
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("assetId", assetId);
    server.put("type", "SERVER");
    server.put("location", "Building A, rack 3");
    server.put("ownerGroup", "hardware-support");
    server.put("redfishUrl", "https://192.0.2.21/");
    server.put("credentialRef", REF);
    server.put("requiredParts", List.of("PSU 1", "PSU 2"));
    return server;
  }

  /** A network device as POST /api/assets takes it. */
  public static Map<String, Object> network(String assetId) {
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("assetId", assetId);
    network.put("type", "NETWORK");
    network.put("location", "Building A, floor 2");
    network.put("ownerGroup", "network-support");
    network.put("host", "core-sw1.example.net");
    network.put("ports", List.of(22, 443));
    return network;
  }
}
