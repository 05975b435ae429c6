package dev.canary4j.prometheus.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPrometheusTest {

  @Test
  void aMissingBinaryFailsSayingHowToInstallIt() {
    assertThatThrownBy(() -> LocalPrometheus.binary("prometheus-not-installed-here"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'prometheus-not-installed-here' binary was not found on the PATH")
        .hasMessageContaining("package 'prometheus'")
        .hasMessageContaining("apt-get install -y prometheus");
  }

  @Test
  void startsOnAnotherPortWhenTheChosenOneIsTakenBeforePrometheusBindsIt(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = takenPort()) {
      List<Integer> offered = new ArrayList<>();
      IntSupplier ports = () -> {
        int port = offered.isEmpty() ? taken.getLocalPort() : freePort();
        offered.add(port);
        return port;
      };

      try (LocalPrometheus prometheus = LocalPrometheus.start(oneSample(dir), dir, ports)) {
        assertThat(offered).hasSize(2);
        assertThat(prometheus.baseUrl()).isEqualTo("http://127.0.0.1:" + offered.get(1));
      }
    }
  }

  @Test
  void givesUpNamingThePortsWhenEveryTryFindsItsPortTaken(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = takenPort()) {
      AtomicInteger tries = new AtomicInteger();
      IntSupplier ports = () -> {
        tries.incrementAndGet();
        return taken.getLocalPort();
      };

      assertThatThrownBy(() -> LocalPrometheus.start(oneSample(dir), dir, ports))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("prometheus could not listen on 127.0.0.1 in " + LocalPrometheus.START_TRIES + " tries")
          .hasMessageContaining(String.valueOf(taken.getLocalPort()))
          .hasMessageContaining("address already in use");
      assertThat(tries).hasValue(LocalPrometheus.START_TRIES);
    }
  }

  /*
   * Without SO_REUSEADDR on the holding socket, Linux refuses Prometheus' bind of the same address,
   * as it would for any other process listening there.
   */
  static ServerSocket takenPort() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(false);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    return socket;
  }

  static Path oneSample(Path dir) throws IOException {
    return Files.writeString(dir.resolve("one.om.txt"), "# TYPE up gauge\nup 1 1735689600.000\n# EOF\n");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void findsTheInstalledBinaries() {
    assertThat(LocalPrometheus.binary("prometheus")).isExecutable();
    assertThat(LocalPrometheus.binary("promtool")).isExecutable();
  }

  @Test
  void writesCountersAndHistogramsAsOpenMetricsEndingInEof() {
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    String text = new IstioTraffic(start, start.plusSeconds(15), Duration.ofSeconds(15))
        .workload("ns", "app", new WorkloadTraffic(3, 1, new long[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0}))
        .writeTo(new OpenMetricsWriter()).text();

    assertThat(text).startsWith("# TYPE istio_requests counter\n").endsWith("# EOF\n")
        .contains("# TYPE istio_request_duration_milliseconds histogram\n")
        .contains("istio_requests_total{destination_service=\"app.ns.svc.cluster.local\",destination_workload=\"app\","
            + "destination_workload_namespace=\"ns\",reporter=\"destination\",response_code=\"200\",source_workload=\"ingressgateway\"} 3 1735689615.000\n")
        .contains("le=\"5000\",reporter=\"destination\",source_workload=\"ingressgateway\"} 4 1735689615.000\n")
        .contains("le=\"+Inf\",reporter=\"destination\",source_workload=\"ingressgateway\"} 4 1735689615.000\n");
  }

  @Test
  void thePercentileTruthInterpolatesInsideTheBucketLikeHistogramQuantile() {
    // 100 requests: 98 at or below 50 ms, 2 in (50, 100]: the 99th is half-way into that bucket.
    WorkloadTraffic traffic = new WorkloadTraffic(100, 0, new long[] {20, 40, 30, 8, 2, 0, 0, 0, 0, 0, 0});

    assertThat(traffic.p99Millis()).isEqualTo(75.0);
    assertThat(traffic.quantile(0.5)).isEqualTo(5 + 5 * (30.0 / 40));
  }
}
