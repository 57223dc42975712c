package io.opsdesk.inspection.redfish;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resolves an asset's {@code credentialRef} from configuration {@code opsdesk.credentials.<ref>.username}
 * and {@code .password} (application yaml, system properties or environment variables such as
 * {@code OPSDESK_CREDENTIALS_DEMO_BMC_PASSWORD}), so that the inventory only ever holds the name.
 */
@Component
public class Credentials {

  // A reference is a plain name: it must not reach into other configuration keys ("a.b", "x[0]").
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final Environment environment;

  public Credentials(Environment environment) {
    this.environment = environment;
  }

  /** The user name and password configured for {@code ref}; empty when the name is bad or incomplete. */
  public Optional<Login> find(String ref) {
    if (ref == null || !REF.matcher(ref).matches()) {
      return Optional.empty();
    }
    String username = environment.getProperty("opsdesk.credentials." + ref + ".username");
    String password = environment.getProperty("opsdesk.credentials." + ref + ".password");
    if (username == null || username.isBlank() || password == null) {
      return Optional.empty();
    }
    return Optional.of(new Login(username, password));
  }

  /** A user name and password; never printed whole. */
  public record Login(String username, String password) {

    @Override
    public String toString() {
      return "Login[username=" + username + ", password=***]";
    }
  }
}
