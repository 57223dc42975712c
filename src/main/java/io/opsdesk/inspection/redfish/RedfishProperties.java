package io.opsdesk.inspection.redfish;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code opsdesk.inspection.redfish.*}: how the server inspection talks to BMCs.
 *
 * @param connectTimeout     TCP and TLS connect time per request
 * @param readTimeout        time from sending a request until its whole answer is read
 * @param deadline           bound of one asset's whole inspection, retries included
 * @param retries            extra attempts after a transient error (reset, 5xx, timeout)
 * @param retryBackoff       pause before the first retry; doubles with each further one
 * @param trustStore         Spring resource location of the trust store for HTTPS BMCs; empty: the JDK's
 *                           default trust (cacerts). There is deliberately no "trust all" switch.
 * @param trustStorePassword password of the trust store, if it has one
 * @param trustStoreType     PKCS12 or JKS
 */
@ConfigurationProperties("opsdesk.inspection.redfish")
public record RedfishProperties(
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("60s") Duration deadline,
    @DefaultValue("2") int retries,
    @DefaultValue("500ms") Duration retryBackoff,
    String trustStore,
    String trustStorePassword,
    @DefaultValue("PKCS12") String trustStoreType) {

  @Override
  public String toString() {
    // The trust store password must not reach a log through a debug print of the configuration.
    return "RedfishProperties[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", deadline=" + deadline + ", retries=" + retries + ", retryBackoff=" + retryBackoff
        + ", trustStore=" + trustStore + ", trustStoreType=" + trustStoreType + "]";
  }
}
