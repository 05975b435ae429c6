package dev.canary4j.examples.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.canary4j.micrometer.CanaryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the runner's metrics at {@code GET /metrics} in Prometheus' text format, for Prometheus to
 * scrape; the JDK's own HTTP server, one thread.
 */
final class MetricsEndpoint implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpServer server;

  /** Serves on {@code address} ({@code host:port}, port 0 for any free one) at once. */
  MetricsEndpoint(String address) throws IOException {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--metrics must be HOST:PORT, for example 0.0.0.0:9464, but was " + address);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--metrics must end in a port number, but was " + address, e);
    }
    server = HttpServer.create(new InetSocketAddress(address.substring(0, colon), port), 0);
    server.createContext("/metrics", this::answer);
    server.start();
  }

  /** The listener to add to the runner. */
  CanaryMetrics listener() {
    return new CanaryMetrics(registry);
  }

  /** The port served on. */
  int port() {
    return server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    registry.close();
  }
}
