package io.opsdesk.inspection.redfish;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * Which BMC certificates are accepted: those the configured trust store vouches for, or the JDK's
 * default trust when none is configured. Certificates are always verified, host names too.
 */
final class TrustPolicy {

  private TrustPolicy() {
  }

  static SSLContext sslContext(RedfishProperties properties) {
    String location = properties.trustStore();
    try {
      if (location == null || location.isBlank()) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance(properties.trustStoreType());
      String password = properties.trustStorePassword();
      try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
        store.load(in, password == null ? null : password.toCharArray());
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      // Fail at start-up: a wrong trust store would otherwise make every HTTPS BMC UNKNOWN.
      throw new IllegalStateException("opsdesk.inspection.redfish.trust-store " + location
          + " cannot be read as " + properties.trustStoreType() + ": " + e.getClass().getSimpleName());
    }
  }
}
