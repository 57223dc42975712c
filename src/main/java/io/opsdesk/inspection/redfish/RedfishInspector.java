package io.opsdesk.inspection.redfish;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetInspector;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Finding.Check;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.redfish.Credentials.Login;

/**
 * Inspects a SERVER through its BMC's DMTF Redfish service. Every reading is a finding, the OK ones
 * too; a BMC that cannot be inspected gives exactly one UNKNOWN finding for component "BMC" and no
 * component findings. For an HTTPS BMC the certificate of the handshake is graded by its expiry.
 */
@Component
@EnableConfigurationProperties(RedfishProperties.class)
public class RedfishInspector implements AssetInspector {

  static final String BMC = "BMC";
  static final String CERTIFICATE = "TLS certificate";

  private static final Logger log = LoggerFactory.getLogger(RedfishInspector.class);

  private final RedfishProperties properties;
  private final Credentials credentials;
  private final CertificateGrading certificates;
  private final Clock clock;
  private final HttpClient client;

  @Autowired
  public RedfishInspector(RedfishProperties properties, Credentials credentials, CertificateGrading certificates) {
    this(properties, credentials, certificates, Clock.systemUTC());
  }

  RedfishInspector(RedfishProperties properties, Credentials credentials, CertificateGrading certificates, Clock clock) {
    this.properties = properties;
    this.credentials = credentials;
    this.certificates = certificates;
    this.clock = clock;
    // Redirects are not followed: the Authorization header must go to the configured BMC only. HTTP/1.1:
    // BMC web servers speak it, and some embedded ones mishandle the h2c upgrade HTTP/2 would ask for.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.connectTimeout())
        .sslContext(TrustPolicy.sslContext(properties))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public AssetType type() {
    return AssetType.SERVER;
  }

  @Override
  public List<Finding> inspect(Asset asset) {
    try {
      return findings(asset);
    } catch (BmcFailure e) {
      log.info("BMC of {} not inspected: {}", asset.assetId(), e.getMessage());
      return List.of(unknown(asset, e.getMessage()));
    } catch (RuntimeException e) {
      // A BMC's odd answer must not fail the run; the class name says enough and carries no secret.
      log.warn("BMC of {} not inspected: {}", asset.assetId(), e.getClass().getName());
      return List.of(unknown(asset, "unexpected answer (" + e.getClass().getSimpleName() + ")"));
    }
  }

  private List<Finding> findings(Asset asset) throws BmcFailure {
    String baseUrl = baseUrl(asset.redfishUrl());
    Login login = credentials.find(asset.credentialRef()).orElseThrow(() -> new BmcFailure(
        "no credentials configured for credentialRef '" + asset.credentialRef() + "'"));
    if (!credentials.allowHost(asset.credentialRef(), URI.create(baseUrl).getHost())) {
      throw new BmcFailure("credentials '" + asset.credentialRef() + "' are not configured for this BMC's host ("
          + Credentials.PREFIX + asset.credentialRef() + ".hosts)");
    }
    RedfishSession session = new RedfishSession(client, properties, clock, baseUrl, login);
    RedfishReader reader = RedfishReader.open(session);
    List<Finding> components = ServerChecks.of(reader, asset);
    List<Finding> findings = new ArrayList<>();
    findings.add(new Finding(asset.assetId(), BMC, Check.BMC.name(), Severity.OK,
        "Redfish " + Optional.ofNullable(Grading.text(reader.root(), "RedfishVersion")).orElse("service")
            + " answered " + session.requests() + " requests" + (reader.expands() ? " (with $expand)" : "")));
    findings.addAll(components);
    session.certificate().ifPresent(certificate -> findings.add(certificate(asset, certificate)));
    return findings;
  }

  private Finding certificate(Asset asset, X509Certificate certificate) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    long seconds = Duration.between(clock.instant(), notAfter).getSeconds();
    // Whole days, rounded down: one second after expiry is -1 (expired), one second before it 0.
    long daysLeft = Math.floorDiv(seconds, 86_400L);
    LocalDate date = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
    String reading = daysLeft >= 0
        ? "expires " + date + " (" + days(daysLeft) + ")"
        : "expired " + date + " (" + days(Math.floorDiv(-seconds, 86_400L)) + " ago)";
    try {
      return new Finding(asset.assetId(), CERTIFICATE, Check.CERTIFICATE.name(), certificates.grade(daysLeft), reading);
    } catch (RuntimeException e) {
      // A decision edited into a gap must not hide the server's readings: only this check is UNKNOWN.
      log.warn("certificate of {} not graded: {}", asset.assetId(), e.getMessage());
      return new Finding(asset.assetId(), CERTIFICATE, Check.CERTIFICATE.name(), Severity.UNKNOWN,
          reading + ", not graded: " + e.getMessage());
    }
  }

  private static String days(long days) {
    return days + (days == 1 ? " day" : " days");
  }

  private static Finding unknown(Asset asset, String reading) {
    return new Finding(asset.assetId(), BMC, Check.BMC.name(), Severity.UNKNOWN, reading);
  }

  /** The redfishUrl without a trailing slash; refused when it could leak (user info) or is no HTTP URL. */
  static String baseUrl(String redfishUrl) throws BmcFailure {
    if (redfishUrl == null || redfishUrl.isBlank()) {
      throw new BmcFailure("no redfishUrl in the inventory");
    }
    URI uri;
    try {
      uri = URI.create(redfishUrl.trim());
    } catch (IllegalArgumentException e) {
      throw new BmcFailure("redfishUrl is not a URL");
    }
    if (uri.getRawUserInfo() != null) {
      // Never echo it: the user info may be a password.
      throw new BmcFailure("redfishUrl must not contain user info; use credentialRef");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      // Not echoed either: a query could hold a token.
      throw new BmcFailure("redfishUrl must be http(s)://host[:port][/path], without query or fragment");
    }
    String url = uri.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
