package io.opsdesk.inspection.asset;

import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * BMC credentials named {@value #REF} in the shared test context, added to its environment at run time:
 * a property of the test class would fork a context of its own.
 */
public final class TestCredentials {

  public static final String REF = "lab-bmc";
  private static final String SOURCE = "test-bmc-credentials";

  private TestCredentials() {
  }

  public static void configure(Environment environment) {
    var sources = ((ConfigurableEnvironment) environment).getPropertySources();
    if (!sources.contains(SOURCE)) {
      sources.addLast(new MapPropertySource(SOURCE, Map.of(
          AssetRules.CREDENTIALS_PREFIX + REF + ".username", "inspector",
          AssetRules.CREDENTIALS_PREFIX + REF + ".password", "test-only-bmc-password")));
    }
  }
}
