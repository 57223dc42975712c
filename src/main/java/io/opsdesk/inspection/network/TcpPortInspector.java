package io.opsdesk.inspection.network;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetInspector;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.run.InspectionSettings;
import org.springframework.stereotype.Component;

/**
 * Inspects a NETWORK asset: a TCP connect to each port that must answer, timed. A port that does
 * not answer (timeout, refused) after the configured attempts is CRITICAL, a slow one a WARNING, a
 * host name that does not resolve UNKNOWN (the check could not be made).
 */
@Component
public class TcpPortInspector implements AssetInspector {

  static final String CHECK = Finding.Check.PORT.name();

  private final InspectionSettings settings;

  public TcpPortInspector(InspectionSettings settings) {
    this.settings = settings;
  }

  @Override
  public AssetType type() {
    return AssetType.NETWORK;
  }

  @Override
  public List<Finding> inspect(Asset asset) {
    List<Finding> findings = new ArrayList<>();
    if (asset.host() == null || asset.host().isBlank()) {
      findings.add(new Finding(asset.assetId(), "host", CHECK, Severity.UNKNOWN, "no host configured"));
      return findings;
    }
    for (int port : asset.ports()) {
      findings.add(check(asset, port));
    }
    return findings;
  }

  private Finding check(Asset asset, int port) {
    String component = "tcp/" + port;
    Duration timeout = settings.getConnectTimeout();
    String lastFailure = null;
    for (int attempt = 1; attempt <= settings.getConnectAttempts(); attempt++) {
      long started = System.nanoTime();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(asset.host(), port), (int) timeout.toMillis());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Severity severity = millis >= settings.getSlowConnect().toMillis() ? Severity.WARNING : Severity.OK;
        return new Finding(asset.assetId(), component, CHECK, severity, "connected in " + millis + " ms"
            + (severity == Severity.OK ? "" : " (slow: " + seconds(settings.getSlowConnect()) + " or more)"));
      } catch (UnknownHostException e) {
        return new Finding(asset.assetId(), component, CHECK, Severity.UNKNOWN, "host " + asset.host() + " unknown");
      } catch (SocketTimeoutException e) {
        lastFailure = "no answer after " + seconds(timeout);
      } catch (ConnectException e) {
        lastFailure = "connection refused";
      } catch (IOException e) {
        lastFailure = "not reachable (" + e.getClass().getSimpleName() + ")";
      }
    }
    String tries = settings.getConnectAttempts() > 1 ? ", " + settings.getConnectAttempts() + " attempts" : "";
    return new Finding(asset.assetId(), component, CHECK, Severity.CRITICAL, lastFailure + tries);
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
