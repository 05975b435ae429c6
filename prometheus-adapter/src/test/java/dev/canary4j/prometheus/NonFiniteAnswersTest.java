package dev.canary4j.prometheus;

import static dev.canary4j.prometheus.PrometheusMetricSourceTest.CHECKOUT;
import static dev.canary4j.prometheus.PrometheusMetricSourceTest.T;
import static dev.canary4j.prometheus.PrometheusMetricSourceTest.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.MetricQuery;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Non-finite numbers in Prometheus' answers end as no data or an error with a reason, never as a pass. */
class NonFiniteAnswersTest {

  @StartStop
  final MockWebServer server = new MockWebServer();

  PrometheusMetricSource source() {
    return PrometheusMetricSource.create(PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString()).build()));
  }

  MetricObservation measure(MetricCheck metric, boolean raw) {
    return source().measure(new MetricQuery(CHECKOUT, metric, T, Duration.ofMinutes(5), raw));
  }

  void answer(String resultType, String... series) {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"success\",\"data\":{\"resultType\":\"" + resultType
        + "\",\"result\":[" + String.join(",", series) + "]}}").build());
  }

  @Test
  void anInfiniteScalarFromATemplateIsNoDataForTheJudge() {
    server.enqueue(new MockResponse.Builder().body(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"+Inf\"]}}").build());
    MetricCheck check = MetricCheck.named("ratio").withMin(99.0).withQuery("scalar(x) / 0");

    MetricObservation o = measure(check, false);

    assertThat(ThresholdJudge.judge(check, o.canary(), o.primary()).label()).isEqualTo(VerdictLabel.NO_DATA);
  }

  @Test
  void infiniteRequestCountsForTheSequentialJudgeAreAPermanentError() {
    answer("vector", part("checkout", "requests", "+Inf"), part("checkout", "successes", "5"),
        part("checkout-primary", "requests", "10"), part("checkout-primary", "successes", "10"));
    MetricCheck check = MetricCheck.successRate(99).withJudge(SequentialConfig.ofDefaults());

    assertThatThrownBy(() -> source().measure(new MetricQuery(CHECKOUT, check, T, Duration.ofMinutes(5), false, true)))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("not finite numbers");
  }
}
