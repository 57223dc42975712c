package io.opsdesk.inspection.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A Redfish BMC simulator for demos and tests: DMTF-shaped JSON over real HTTP (or HTTPS) on 127.0.0.1
 * only. The shipped mockups ({@code redfish-simulator/}) are two servers: {@code srv-demo-01}, healthy,
 * in the older Thermal/Power shape, and {@code srv-demo-02}, with planted faults (CPU over its critical
 * temperature while the BMC says OK, a failed fan, a failed drive and a degraded RAID volume), in the
 * newer ThermalSubsystem/PowerSubsystem/Sensors shape.
 *
 * <p>Run it alone (credentials from application-demo-data.yaml, port from -Dopsdesk.simulator.port):
 * {@code java -cp target/opsdesk.jar -Dloader.main=io.opsdesk.inspection.simulator.RedfishSimulator
 * org.springframework.boot.loader.launch.PropertiesLauncher}
 */
public final class RedfishSimulator implements AutoCloseable {

  public static final String MOCKUPS = "redfish-simulator";
  public static final int DEFAULT_PORT = 8631;

  private final HttpServer server;
  private final ExecutorService executor;

  private RedfishSimulator(HttpServer server, HttpHandler handler) {
    this.server = server;
    this.executor = Executors.newFixedThreadPool(4);
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
  }

  /** Serves {@code handler}'s mockups over HTTP on 127.0.0.1:{@code port} (0: any free port). */
  public static RedfishSimulator http(HttpHandler handler, int port) throws IOException {
    return new RedfishSimulator(HttpServer.create(loopback(port), 0), handler);
  }

  /** The same over HTTPS, presenting the key and certificate of {@code tls}. */
  public static RedfishSimulator https(HttpHandler handler, int port, SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(loopback(port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new RedfishSimulator(server, handler);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  public static void main(String[] args) throws IOException {
    JsonNode demo;
    try (InputStream in = RedfishSimulator.class.getClassLoader().getResourceAsStream("application-demo-data.yaml")) {
      demo = new YAMLMapper().readTree(in).path("opsdesk").path("credentials").path("demo-bmc");
    }
    int port = Integer.getInteger("opsdesk.simulator.port", DEFAULT_PORT);
    RedfishSimulator simulator = http(new RedfishMockupHandler(MOCKUPS, demo.path("username").asText(),
        demo.path("password").asText()), port);
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    System.out.println("Redfish simulator on http://127.0.0.1:" + simulator.port()
        + "/srv-demo-01 (healthy) and /srv-demo-02 (faulty); Ctrl+C stops it");
  }
}
