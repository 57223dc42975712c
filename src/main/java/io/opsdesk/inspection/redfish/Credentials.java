package io.opsdesk.inspection.redfish;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resolves an asset's {@code credentialRef} from configuration {@code opsdesk.credentials.<ref>.username},
 * {@code .password} and {@code .hosts} (application yaml, system properties or environment variables such as
 * {@code OPSDESK_CREDENTIALS_DEMO_BMC_PASSWORD}), so that the inventory only ever holds the name.
 * Credentials go only to the hosts configured with them: whoever may edit the inventory must not be able
 * to send a BMC's password to a host of their choosing by changing a {@code redfishUrl}.
 */
@Component
public class Credentials {

  public static final String PREFIX = "opsdesk.credentials.";

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
    String username = environment.getProperty(PREFIX + ref + ".username");
    String password = environment.getProperty(PREFIX + ref + ".password");
    if (username == null || username.isBlank() || password == null) {
      return Optional.empty();
    }
    return Optional.of(new Login(username, password));
  }

  /**
   * Whether the credentials {@code ref} may be sent to {@code host} (a host name or address as in a
   * URL, IPv6 with or without brackets): it is one of {@code opsdesk.credentials.<ref>.hosts}, a list
   * or comma-separated text, compared without case. No list, no host.
   */
  public boolean allowHost(String ref, String host) {
    if (ref == null || !REF.matcher(ref).matches() || host == null) {
      return false;
    }
    List<String> hosts = Binder.get(environment).bind(PREFIX + ref + ".hosts", Bindable.listOf(String.class))
        .orElse(List.of());
    String wanted = plain(host);
    return hosts.stream().map(Credentials::plain).anyMatch(wanted::equals);
  }

  private static String plain(String host) {
    String trimmed = host.strip().toLowerCase(Locale.ROOT);
    return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }

  /** A user name and password; never printed whole. */
  public record Login(String username, String password) {

    @Override
    public String toString() {
      return "Login[username=" + username + ", password=***]";
    }
  }
}
