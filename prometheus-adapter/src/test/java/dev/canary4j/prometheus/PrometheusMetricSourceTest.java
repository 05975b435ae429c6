package dev.canary4j.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.PermanentAdapterException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The metric source's queries and its reading of the answers, against a scripted server. */
class PrometheusMetricSourceTest {
  static final Instant T = Instant.parse("2023-11-14T22:13:20Z");
  static final Target CHECKOUT = Target.of("shop", "checkout");

  @StartStop
  final MockWebServer server = new MockWebServer();
  final List<String> warnings = new ArrayList<>();

  PrometheusMetricSource source() {
    PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString()).build());
    return PrometheusMetricSource.builder(client).seriesStep(Duration.ofMinutes(1))
        .warningListener((query, promql, w) -> warnings.addAll(w)).build();
  }

  MetricObservation measure(MetricCheck metric, boolean raw) {
    return source().measure(new MetricQuery(CHECKOUT, metric, T, Duration.ofMinutes(5), raw));
  }

  void answer(String resultType, String... series) {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"success\",\"data\":{\"resultType\":\"" + resultType
        + "\",\"result\":[" + String.join(",", series) + "]}}").build());
  }

  static String part(String workload, String part, String value) {
    return "{\"metric\":{\"destination_workload\":\"" + workload + "\",\"canary4j_part\":\"" + part + "\"},\"value\":[1700000000,\"" + value + "\"]}";
  }

  static String partSeries(String workload, String part, String values) {
    return "{\"metric\":{\"destination_workload\":\"" + workload + "\",\"canary4j_part\":\"" + part + "\"},\"values\":[" + values + "]}";
  }

  Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new java.util.HashMap<>();
    for (String pair : request.getBody().utf8().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  @Test
  void theSuccessRateOfBothVersionsComesFromOneInstantQueryWithTheRequestsBehindIt() throws Exception {
    answer("vector", part("checkout", "requests", "1000"), part("checkout", "successes", "950"),
        part("checkout-primary", "requests", "2000.4"), part("checkout-primary", "successes", "2000.4"));

    MetricObservation o = measure(MetricCheck.successRate(99), false);

    assertThat(o.canary()).isEqualTo(new Measurement(95.0, 1000, 1000));
    assertThat(o.primary()).isEqualTo(new Measurement(100.0, 2000, 2000));
    assertThat(server.getRequestCount()).isEqualTo(1);
    Map<String, String> form = form(server.takeRequest());
    assertThat(form.get("time")).isEqualTo("1700000000");
    assertThat(form.get("query"))
        .contains("reporter=\"destination\"", "destination_workload_namespace=\"shop\"",
            "destination_workload=~\"checkout|checkout-primary\"", "response_code!~\"5..\"", "[5m]");
  }

  @Test
  void noRequestsIsNoDataAndNeverANumber() {
    answer("vector", part("checkout", "requests", "0"), part("checkout-primary", "requests", "10"), part("checkout-primary", "successes", "10"));

    MetricObservation o = measure(MetricCheck.successRate(99), false);

    assertThat(o.canary()).isEqualTo(Measurement.noData());
    assertThat(o.primary().value()).isEqualTo(100.0);
  }

  @Test
  void requestsWithoutSuccessesAreZeroPercent() {
    answer("vector", part("checkout", "requests", "12"));

    MetricObservation o = measure(MetricCheck.successRate(99), false);

    assertThat(o.canary()).isEqualTo(new Measurement(0.0, 12, 12));
    assertThat(o.primary()).isEqualTo(Measurement.noData());
  }

  @Test
  void aNaNPercentileWithTrafficStaysNaN() {
    answer("vector", part("checkout", "requests", "5"), part("checkout", "p99", "NaN"),
        part("checkout-primary", "requests", "5"), part("checkout-primary", "p99", "+Inf"));

    MetricObservation o = measure(MetricCheck.latencyP99(500), false);

    assertThat(o.canary().value()).isNaN();
    assertThat(o.canary().requests()).isEqualTo(5);
    assertThat(o.primary().value()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void twoSeriesForOneWorkloadAreAnErrorListingTheirLabels() {
    answer("vector", part("checkout", "requests", "5"), part("checkout", "requests", "6"));

    assertThatThrownBy(() -> measure(MetricCheck.successRate(99), false))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("metric 'request-success-rate'")
        .hasMessageContaining("{canary4j_part=\"requests\", destination_workload=\"checkout\"}, "
            + "{canary4j_part=\"requests\", destination_workload=\"checkout\"}");
  }

  @Test
  void warningsReachTheListener() {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"success\",\"warnings\":[\"partial data\"],"
        + "\"data\":{\"resultType\":\"vector\",\"result\":[]}}").build());

    MetricObservation o = measure(MetricCheck.successRate(99), false);

    assertThat(warnings).containsExactly("partial data");
    assertThat(o.canary()).isEqualTo(Measurement.noData());
  }

  @Test
  void rawSeriesComeFromARangeQueryWhosePointsEachCoverOneStep() throws Exception {
    answer("vector", part("checkout", "requests", "100"), part("checkout", "successes", "90"));
    answer("matrix",
        partSeries("checkout", "requests", "[1699999760,\"20\"],[1699999820,\"0\"],[1699999880,\"20\"],[1699999940,\"20\"],[1700000000,\"40\"]"),
        partSeries("checkout", "successes", "[1699999760,\"20\"],[1699999880,\"10\"],[1700000000,\"40\"]"));

    MetricObservation o = measure(MetricCheck.successRate(99), true);

    server.takeRequest();
    RecordedRequest range = server.takeRequest();
    assertThat(range.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
    Map<String, String> form = form(range);
    assertThat(form).containsEntry("start", "1699999760").containsEntry("end", "1700000000").containsEntry("step", "60");
    assertThat(form.get("query")).contains("[1m]").doesNotContain("[5m]");
    assertThat(o.canarySeries().timestamps()).containsExactly(1699999760000L, 1699999880000L, 1699999940000L, 1700000000000L);
    assertThat(o.canarySeries().values()).containsExactly(100.0, 50.0, 0.0, 100.0);
    assertThat(o.canary()).isEqualTo(new Measurement(90.0, 100, 100));
    assertThat(o.primarySeries().size()).isZero();
  }

  @Test
  void aTemplateIsRunOncePerVersionWithTargetSetToThatVersion() throws Exception {
    answer("vector", "{\"metric\":{},\"value\":[1700000000,\"0.25\"]}");
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"0.5\"]}}").build());
    MetricCheck errors = MetricCheck.named("errors").withMax(1.0)
        .withQuery("sum(rate(http_errors_total{namespace=\"{{ namespace }}\",app=\"{{ target }}\",peer=\"{{ primary }}\"}[{{ interval }}]))");

    MetricObservation o = measure(errors, false);

    assertThat(o.canary()).isEqualTo(new Measurement(0.25, -1, 1));
    assertThat(o.primary()).isEqualTo(new Measurement(0.5, -1, 1));
    assertThat(form(server.takeRequest()).get("query"))
        .isEqualTo("sum(rate(http_errors_total{namespace=\"shop\",app=\"checkout\",peer=\"checkout-primary\"}[5m]))");
    assertThat(form(server.takeRequest()).get("query"))
        .isEqualTo("sum(rate(http_errors_total{namespace=\"shop\",app=\"checkout-primary\",peer=\"checkout-primary\"}[5m]))");
  }

  @Test
  void aTemplateWithoutTargetMeasuresTheCanaryOnly() {
    answer("vector", "{\"metric\":{},\"value\":[1700000000,\"3\"]}");

    MetricObservation o = measure(MetricCheck.named("queue").withMax(10.0).withQuery("sum(queue_depth{app=\"{{ canary }}\"})"), false);

    assertThat(o.canary().value()).isEqualTo(3.0);
    assertThat(o.primary()).isEqualTo(Measurement.noData());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aScalarTemplateResultIsAValueAndAnEmptyVectorIsNoData() {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"7\"]}}").build());
    answer("vector");

    MetricObservation o = measure(MetricCheck.named("s").withMax(10.0).withQuery("scalar(x{app=\"{{ target }}\"})"), false);

    assertThat(o.canary().value()).isEqualTo(7.0);
    assertThat(o.primary()).isEqualTo(Measurement.noData());
  }

  @Test
  void aRangeVectorWhereAnInstantVectorIsExpectedIsAnError() {
    answer("matrix", "{\"metric\":{},\"values\":[[1700000000,\"1\"]]}");

    assertThatThrownBy(() -> measure(MetricCheck.named("m").withMax(1.0).withQuery("x{app=\"{{ target }}\"}[5m]"), false))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("metric 'm': expected a VECTOR (or a scalar) but Prometheus returned a MATRIX");
  }

  @Test
  void aValueThatCannotBePlacedSafelyIsAPermanentErrorNamingTheMetricAndVariable() {
    MetricCheck unsafe = MetricCheck.named("m").withMax(1.0).withVariables(Map.of("limit", "1 or vector(1)"))
        .withQuery("x{app=\"{{ target }}\"} > {{ limit }}");

    assertThatThrownBy(() -> measure(unsafe, false))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("metric 'm': variable 'limit' is outside a quoted string");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aSubqueryInARangeVariableIsAPermanentErrorNamingTheMetricVariableAndValue() {
    MetricCheck subquery = MetricCheck.named("error-rate").withMax(1.0).withVariables(Map.of("window", "5m:1m"))
        .withQuery("sum(rate(errors{app=\"{{ target }}\"}[{{ window }}]))");

    assertThatThrownBy(() -> measure(subquery, false))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("metric 'error-rate': variable 'window' is outside a quoted string")
        .hasMessageContaining("but was '5m:1m'");
    assertThat(server.getRequestCount()).isZero();
  }
}
