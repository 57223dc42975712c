package io.opsdesk.inspection.redfish;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opsdesk.inspection.redfish.Credentials.Login;

/**
 * GETs of one BMC during one inspection: HTTP Basic on every request, retries of transient errors
 * (connection reset, timeout, 5xx) with a doubling pause, all within the inspection's deadline. Keeps
 * the certificate the BMC presented in the TLS handshake.
 */
final class RedfishSession {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** No Redfish resource comes near this; an answer beyond it is not a BMC's. */
  static final int MAX_BODY = 4 * 1024 * 1024;

  private final HttpClient client;
  private final RedfishProperties properties;
  private final Clock clock;
  private final String baseUrl;
  private final String authorization;
  private final Instant deadline;
  private X509Certificate certificate;
  private int requests;

  RedfishSession(HttpClient client, RedfishProperties properties, Clock clock, String baseUrl, Login login) {
    this.client = client;
    this.properties = properties;
    this.clock = clock;
    this.baseUrl = baseUrl;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
    this.deadline = clock.instant().plus(properties.deadline());
  }

  /** The JSON object at {@code path}, a path of this Redfish service ("/redfish/v1/..."). */
  JsonNode get(String path) throws BmcFailure {
    // Only paths of this service are followed: a link elsewhere would carry the credentials away.
    if (path == null || !path.startsWith("/redfish/v1") || path.contains("..") || path.contains("#")
        || path.contains("\\")) {
      throw new BmcFailure("the BMC links outside its Redfish service: " + abbreviate(path));
    }
    Duration backoff = properties.retryBackoff();
    for (int attempt = 0;; attempt++) {
      try {
        return once(path);
      } catch (Transient e) {
        boolean timeLeft = remaining().compareTo(backoff) > 0;
        if (attempt >= properties.retries() || !timeLeft) {
          String tries = attempt == 0 ? "" : " (" + (attempt + 1) + " attempts)";
          throw new BmcFailure(e.getMessage() + tries, e.status);
        }
        pause(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  /** The certificate the BMC presented, for an HTTPS BMC that answered. */
  Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  int requests() {
    return requests;
  }

  private JsonNode once(String path) throws BmcFailure, Transient {
    Duration remaining = remaining();
    if (remaining.isNegative() || remaining.isZero()) {
      throw new BmcFailure("no complete answer within the inspection deadline of " + seconds(properties.deadline()));
    }
    Duration wait = remaining.compareTo(properties.readTimeout()) < 0 ? remaining : properties.readTimeout();
    URI uri;
    try {
      uri = URI.create(baseUrl + path);
    } catch (IllegalArgumentException e) {
      throw new BmcFailure("the BMC links to a malformed path: " + abbreviate(path));
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(wait)
        .header("Accept", "application/json")
        .header("OData-Version", "4.0")
        .header("Authorization", authorization)
        .GET()
        .build();
    CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> new LimitedBody(MAX_BODY));
    HttpResponse<byte[]> response;
    try {
      // The request timeout ends with the response headers; this bounds the body too.
      response = pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new Transient("no answer within " + seconds(wait) + " for " + path, 0);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new BmcFailure("inspection interrupted");
    } catch (ExecutionException e) {
      throw transientOrFail(e.getCause(), path, wait);
    }
    requests++;
    keepCertificate(response);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new BmcFailure("login refused (HTTP " + status + "): check the credentials configured for this asset", status);
    }
    if (status >= 500) {
      throw new Transient("HTTP " + status + " for " + path, status);
    }
    if (status != 200) {
      throw new BmcFailure("HTTP " + status + " for " + path, status);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body == null || !body.isObject()) {
        throw new BmcFailure("malformed JSON for " + path + ": not an object");
      }
      return body;
    } catch (JacksonException e) {
      throw new BmcFailure("malformed JSON for " + path + " (line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new BmcFailure("unreadable answer for " + path);
    }
  }

  private Transient transientOrFail(Throwable cause, String path, Duration wait) throws BmcFailure {
    if (cause instanceof HttpTimeoutException) {
      return new Transient("no answer within " + seconds(wait) + " for " + path, 0);
    }
    if (cause instanceof LimitedBody.TooLarge) {
      throw new BmcFailure("answer for " + path + " larger than " + MAX_BODY / (1024 * 1024) + " MiB");
    }
    if (cause instanceof SSLHandshakeException || cause instanceof SSLPeerUnverifiedException) {
      // An untrusted certificate is a verdict of the trust policy: retrying does not change it.
      throw new BmcFailure("TLS certificate not accepted by the trust policy: " + reason(cause));
    }
    if (cause instanceof SSLException) {
      throw new BmcFailure("TLS failed: " + reason(cause));
    }
    if (cause instanceof ConnectException) {
      return new Transient("cannot connect to " + URI.create(baseUrl).getHost() + ":" + port(), 0);
    }
    if (cause instanceof IOException) {
      return new Transient("connection failed for " + path + " (" + cause.getClass().getSimpleName() + ")", 0);
    }
    throw new BmcFailure("request failed for " + path + " (" + cause.getClass().getSimpleName() + ")");
  }

  private int port() {
    URI uri = URI.create(baseUrl);
    return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private void keepCertificate(HttpResponse<?> response) {
    Optional<SSLSession> session = response.sslSession();
    if (session.isEmpty() || certificate != null) {
      return;
    }
    try {
      Certificate[] chain = session.get().getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate x509) {
        certificate = x509;
      }
    } catch (SSLPeerUnverifiedException e) {
      // Not reachable after a verified handshake; without a certificate there is nothing to grade.
    }
  }

  private Duration remaining() {
    return Duration.between(clock.instant(), deadline);
  }

  private void pause(Duration backoff) throws BmcFailure {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BmcFailure("inspection interrupted");
    }
  }

  private static String reason(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return abbreviate(message);
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "(none)";
    }
    return text.length() <= 160 ? text : text.substring(0, 160) + "…";
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** A failure that may pass: retried while attempts and time are left. */
  private static final class Transient extends Exception {
    private final int status;

    Transient(String message, int status) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
