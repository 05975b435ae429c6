package dev.canary4j.prometheus;

import static dev.canary4j.prometheus.PrometheusMetricSourceTest.CHECKOUT;
import static dev.canary4j.prometheus.PrometheusMetricSourceTest.T;
import static dev.canary4j.prometheus.PrometheusMetricSourceTest.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.judge.sequential.LatencyHistogram;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RequestCounts;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Request counts for the sequential judge: requests and 5xx answers, and latency histograms per workload. */
class RequestCountsTest {

  private static final MetricCheck ERRORS = MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE)
      .withJudge(SequentialConfig.ofDefaults());
  private static final MetricCheck LATENCY = MetricCheck.named(MetricCheck.REQUEST_DURATION)
      .withJudge(SequentialConfig.ofDefaults());

  @StartStop
  final MockWebServer server = new MockWebServer();

  private MetricObservation measure(MetricCheck metric) {
    PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString()).build());
    return PrometheusMetricSource.create(client).measure(new MetricQuery(CHECKOUT, metric, T, Duration.ofMinutes(1),
        false, true));
  }

  private void answer(String resultType, String... series) {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"success\",\"data\":{\"resultType\":\"" + resultType
        + "\",\"result\":[" + String.join(",", series) + "]}}").build());
  }

  private static String bucket(String workload, String le, String value) {
    return "{\"metric\":{\"destination_workload\":\"" + workload + "\",\"le\":\"" + le + "\"},\"value\":[1700000000,\""
        + value + "\"]}";
  }

  private static String query(RecordedRequest request) {
    for (String pair : request.getBody().utf8().split("&")) {
      if (pair.startsWith("query=")) {
        return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no query in " + request.getBody().utf8());
  }

  @Test
  void countsRequestsAndFiveHundredsFromTheSuccessRatesOwnQuery() {
    answer("vector", part("checkout", "requests", "1000.4"), part("checkout", "successes", "979.6"),
        part("checkout-primary", "requests", "9000"), part("checkout-primary", "successes", "8955"));

    MetricObservation o = measure(ERRORS);

    assertThat(o.canaryCounts()).isEqualTo(RequestCounts.ofErrors(1000, 21));
    assertThat(o.primaryCounts()).isEqualTo(RequestCounts.ofErrors(9000, 45));
    assertThat(o.canary().value()).isCloseTo(97.92, org.assertj.core.data.Offset.offset(0.01));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aVersionWithoutTrafficHasNoRequestsAndNoErrors() {
    answer("vector", part("checkout-primary", "requests", "9000"), part("checkout-primary", "successes", "9000"));

    MetricObservation o = measure(ERRORS);

    assertThat(o.canaryCounts()).isEqualTo(RequestCounts.ofErrors(0, 0));
    assertThat(o.primaryCounts()).isEqualTo(RequestCounts.ofErrors(9000, 0));
  }

  @Test
  void readsEachVersionsLatencyHistogramFromTheIncreaseOfItsBuckets() throws Exception {
    answer("vector", part("checkout", "requests", "100"), part("checkout", "p99", "240"),
        part("checkout-primary", "requests", "900"), part("checkout-primary", "p99", "180"));
    answer("vector", bucket("checkout", "100", "60"), bucket("checkout", "250", "95.2"), bucket("checkout", "+Inf", "100"),
        bucket("checkout-primary", "+Inf", "900"), bucket("checkout-primary", "100", "700"),
        bucket("checkout-primary", "250", "699.6"));

    MetricObservation o = measure(LATENCY);

    assertThat(o.canaryCounts().latency()).isEqualTo(new LatencyHistogram(
        new double[] {100, 250, Double.POSITIVE_INFINITY}, new long[] {60, 95, 100}));
    // increase() extrapolates every bucket on its own; a bucket a fraction below a narrower one is raised to it.
    assertThat(o.primaryCounts().latency()).isEqualTo(new LatencyHistogram(
        new double[] {100, 250, Double.POSITIVE_INFINITY}, new long[] {700, 700, 900}));
    assertThat(o.primaryCounts().requests()).isEqualTo(900);
    assertThat(o.primaryCounts().countsErrors()).isFalse();
    server.takeRequest();
    assertThat(query(server.takeRequest())).isEqualTo("sum by (destination_workload, le) (increase("
        + "istio_request_duration_milliseconds_bucket{reporter=\"destination\",destination_workload_namespace=\"shop\","
        + "destination_workload=~\"checkout|checkout-primary\"}[1m]))");
  }

  @Test
  void aVersionWithoutBucketsHasAnEmptyHistogram() {
    answer("vector", part("checkout-primary", "requests", "900"), part("checkout-primary", "p99", "180"));
    answer("vector", bucket("checkout-primary", "+Inf", "900"));

    MetricObservation o = measure(LATENCY);

    assertThat(o.canaryCounts().requests()).isZero();
    assertThat(o.canaryCounts().latency().total()).isZero();
  }

  @Test
  void bucketsWithoutAnInfiniteBoundAreAPermanentErrorNamingTheWorkload() {
    answer("vector", part("checkout", "requests", "100"), part("checkout", "p99", "240"));
    answer("vector", bucket("checkout", "100", "60"), bucket("checkout", "250", "95"));

    assertThatThrownBy(() -> measure(LATENCY)).isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("le=\"+Inf\"").hasMessageContaining("'checkout'");
  }

  @Test
  void aBucketWithoutANumericBoundIsAPermanentErrorNamingTheSeries() {
    answer("vector", part("checkout", "requests", "100"), part("checkout", "p99", "240"));
    answer("vector", bucket("checkout", "fast", "60"), bucket("checkout", "+Inf", "100"));

    assertThatThrownBy(() -> measure(LATENCY)).isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("numeric le").hasMessageContaining("fast");
  }

  @Test
  void countsAreNotAskedForUnlessTheQueryWantsThem() {
    answer("vector", part("checkout", "requests", "100"), part("checkout", "p99", "240"));

    PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString()).build());
    MetricObservation o = PrometheusMetricSource.create(client).measure(new MetricQuery(CHECKOUT, LATENCY, T,
        Duration.ofMinutes(1), false));

    assertThat(o.canaryCounts()).isNull();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
