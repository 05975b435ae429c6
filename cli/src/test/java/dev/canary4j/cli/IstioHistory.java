package dev.canary4j.cli;

import dev.canary4j.prometheus.testing.IstioTraffic;
import dev.canary4j.prometheus.testing.LocalPrometheus;
import dev.canary4j.prometheus.testing.OpenMetricsWriter;
import dev.canary4j.prometheus.testing.WorkloadTraffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One real Prometheus per test run, over an hour of generated Istio traffic in namespace {@code shop}:
 * {@code checkout} is a healthy canary of {@code checkout-primary}, {@code payments} a canary with 3 %
 * errors, {@code cart} a canary that serves nothing, {@code orders} a canary that is healthy until
 * {@link #ORDERS_BREAK} and answers 3 % errors from then on. The server stops when the JVM exits.
 */
final class IstioHistory {

  static final Instant START = Instant.parse("2026-03-01T13:00:00Z");
  static final Instant END = START.plus(Duration.ofHours(1));
  static final Duration SCRAPE = Duration.ofSeconds(15);
  static final Instant ORDERS_BREAK = START.plus(Duration.ofMinutes(9));

  // 200 responses per scrape, p99 in the 100-250 ms bucket; the bad canary answers 6 of them with 503.
  static final WorkloadTraffic HEALTHY = new WorkloadTraffic(200, 0, new long[] {40, 80, 50, 20, 8, 2, 0, 0, 0, 0, 0});
  static final WorkloadTraffic THREE_PERCENT_ERRORS =
      new WorkloadTraffic(194, 6, new long[] {40, 80, 50, 20, 8, 2, 0, 0, 0, 0, 0});

  private static LocalPrometheus server;

  private IstioHistory() {}

  /** The server's base URL, starting it on first use. */
  static synchronized String url() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("canary4j-cli-prometheus");
        Path file = new IstioTraffic(START, END, SCRAPE)
            .workload("shop", "checkout-primary", HEALTHY)
            .workload("shop", "checkout", HEALTHY)
            .workload("shop", "payments-primary", HEALTHY)
            .workload("shop", "payments", THREE_PERCENT_ERRORS)
            .workload("shop", "cart-primary", HEALTHY)
            .workload("shop", "cart", WorkloadTraffic.idle())
            .workload("shop", "orders-primary", HEALTHY)
            .workload("shop", "orders", HEALTHY, ORDERS_BREAK, THREE_PERCENT_ERRORS)
            .writeTo(new OpenMetricsWriter())
            .writeTo(dir.resolve("istio.om.txt"));
        server = LocalPrometheus.start(file, Files.createDirectories(dir.resolve("prometheus")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return server.baseUrl();
  }

  /** A policy for canary {@code name}: 10 % steps to 50 %, success rate >= 99 %, p99 <= 500 ms, three failures roll back. */
  static Path policy(Path dir, String name) throws IOException {
    return Files.writeString(dir.resolve(name + ".yaml"), """
        target: {namespace: shop, name: %s}
        strategy:
          canary: {stepWeight: 10, maxWeight: 50}
        analysis:
          interval: 1m
          metrics:
            - {name: request-success-rate, min: 99, minRequests: 100}
            - {name: request-duration, max: 500}
          limits:
            failureLimit: 3
        """.formatted(name));
  }
}
