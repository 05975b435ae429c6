package dev.canary4j.prometheus.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LocalPrometheusTest {

  @Test
  void aMissingBinaryFailsSayingHowToInstallIt() {
    assertThatThrownBy(() -> LocalPrometheus.binary("prometheus-not-installed-here"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'prometheus-not-installed-here' binary was not found on the PATH")
        .hasMessageContaining("apt-get install -y prometheus");
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
