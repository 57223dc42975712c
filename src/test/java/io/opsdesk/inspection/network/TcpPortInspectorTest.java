package io.opsdesk.inspection.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.run.InspectionSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** TCP checks against real sockets on 127.0.0.1. */
class TcpPortInspectorTest {

  private final InspectionSettings settings = new InspectionSettings();
  private final TcpPortInspector inspector = new TcpPortInspector(settings);

  @Test
  void eachPortIsOneReadingOkWhenItAnswersCriticalWhenNot() throws IOException {
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int closedPort = closed.getLocalPort();
      closed.close();

      List<Finding> findings = inspector.inspect(device("127.0.0.1", open.getLocalPort(), closedPort));

      assertThat(findings).hasSize(2);
      assertThat(findings.get(0)).satisfies(f -> {
        assertThat(f.component()).isEqualTo("tcp/" + open.getLocalPort());
        assertThat(f.check()).isEqualTo("PORT");
        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.reading()).matches("connected in \\d+ ms");
      });
      assertThat(findings.get(1)).satisfies(f -> {
        assertThat(f.component()).isEqualTo("tcp/" + closedPort);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.reading()).isEqualTo("connection refused, 2 attempts");
      });
    }
  }

  @Test
  void aSlowAnswerIsAWarning() throws IOException {
    settings.setSlowConnect(Duration.ZERO);
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Finding finding = inspector.inspect(device("127.0.0.1", open.getLocalPort())).get(0);
      assertThat(finding.severity()).isEqualTo(Severity.WARNING);
      assertThat(finding.reading()).matches("connected in \\d+ ms \\(slow: 0 s or more\\)");
    }
  }

  @Test
  void anUnknownHostCannotBeCheckedAndADeviceWithoutHostNeither() {
    assertThat(inspector.inspect(device("no-such-host.invalid", 443))).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(f.reading()).isEqualTo("host no-such-host.invalid unknown");
    });
    assertThat(inspector.inspect(device(" ", 443))).singleElement()
        .extracting(Finding::severity).isEqualTo(Severity.UNKNOWN);
  }

  private static Asset device(String host, Integer... ports) {
    return new Asset("sw-test", AssetType.NETWORK, null, "network-support", null, null, host, List.of(ports), null);
  }
}
