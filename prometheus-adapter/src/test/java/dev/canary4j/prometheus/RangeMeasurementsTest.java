package dev.canary4j.prometheus;

import static dev.canary4j.prometheus.PrometheusMetricSourceTest.CHECKOUT;
import static dev.canary4j.prometheus.PrometheusMetricSourceTest.partSeries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Measuring at many times with range queries, against a scripted server: answers cut per time, and the instant path's rules. */
class RangeMeasurementsTest {
  static final Instant T = Instant.parse("2023-11-14T22:13:20Z"); // 1700000000
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final MetricQuery FIRST = new MetricQuery(CHECKOUT, MetricCheck.successRate(99), T, Duration.ofMinutes(5), false);

  @StartStop
  final MockWebServer server = new MockWebServer();
  final List<String> warnings = new ArrayList<>();

  PrometheusMetricSource source(PrometheusConfig.Builder config) {
    return PrometheusMetricSource.builder(PrometheusClient.create(config.build()))
        .warningListener((query, promql, w) -> warnings.addAll(w)).build();
  }

  PrometheusMetricSource source() {
    return source(PrometheusConfig.custom(server.url("/").toString()));
  }

  void answer(String body) {
    server.enqueue(new MockResponse.Builder().body(body).build());
  }

  static String matrix(String... series) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + String.join(",", series) + "]}}";
  }

  @Test
  void eachTimeGetsThePointsEvaluatedAtItAndATimeWithoutAPointHasNoData() throws Exception {
    // Three times a minute apart; the canary has no point at the second one.
    answer(matrix(partSeries("checkout", "requests", "[1700000000,\"100\"],[1700000120,\"200\"]"),
        partSeries("checkout", "successes", "[1700000000,\"99\"],[1700000120,\"190\"]"),
        partSeries("checkout-primary", "requests", "[1700000000,\"10\"],[1700000060,\"10\"],[1700000120,\"10\"]"),
        partSeries("checkout-primary", "successes", "[1700000000,\"10\"],[1700000060,\"10\"],[1700000120,\"10\"]")));

    List<MetricObservation> seen = source().measureRange(FIRST, MINUTE, 3);

    assertThat(seen).extracting(MetricObservation::canary).containsExactly(new Measurement(99.0, 100, 100),
        Measurement.noData(), new Measurement(95.0, 200, 200));
    assertThat(seen).extracting(o -> o.primary().value()).containsExactly(100.0, 100.0, 100.0);
    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
    assertThat(request.getBody().utf8()).contains("start=1700000000", "end=1700000120", "step=60");
  }

  @Test
  void aNaNOrInfiniteTemplateValueAtOneTimeIsNoDataForTheJudgeThenAsAnInstantQuerysIs() {
    MetricCheck ratio = MetricCheck.named("ratio").withMin(99.0).withQuery("sum(a) / sum(b)");
    answer(matrix("{\"metric\":{},\"values\":[[1700000000,\"99.5\"],[1700000060,\"NaN\"],[1700000120,\"+Inf\"]]}"));

    List<MetricObservation> seen = source().measureRange(new MetricQuery(CHECKOUT, ratio, T, MINUTE, false), MINUTE, 3);

    assertThat(seen).extracting(o -> ThresholdJudge.judge(ratio, o.canary(), o.primary()).label())
        .containsExactly(VerdictLabel.PASS, VerdictLabel.NO_DATA, VerdictLabel.NO_DATA);
  }

  @Test
  void aPointOffTheAskedTimesIsAnErrorRatherThanAValueForTheWrongTime() {
    answer(matrix(partSeries("checkout", "requests", "[1700000030,\"100\"]")));

    assertThatThrownBy(() -> source().measureRange(FIRST, MINUTE, 3))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("with a point at 2023-11-14T22:13:50Z, which is not one of those times")
        .hasMessageContaining("metric 'request-success-rate'");
  }

  @Test
  void warningsOfTheRangeQueryReachTheListenerOnce() {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"success\",\"warnings\":[\"partial response\"],"
        + "\"data\":{\"resultType\":\"matrix\",\"result\":[]}}").build());

    List<MetricObservation> seen = source().measureRange(FIRST, MINUTE, 5);

    assertThat(seen).hasSize(5).allSatisfy(o -> assertThat(o.canary()).isEqualTo(Measurement.noData()));
    assertThat(warnings).containsExactly("partial response");
  }

  @Test
  void theRangeQueryCarriesTheCredentialsAndHeadersOfTheInstantOnes() throws Exception {
    answer(matrix());

    source(PrometheusConfig.custom(server.url("/").toString()).bearerToken("range-token").header("X-Scope-OrgID", "team-a"))
        .measureRange(FIRST, MINUTE, 2);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer range-token");
    assertThat(request.getHeaders().get("X-Scope-OrgID")).isEqualTo("team-a");
  }

  @Test
  void aRejectedRangeQueryIsPermanentWithoutTheSecret() {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"status\":\"error\",\"errorType\":\"unauthorized\",\"error\":\"bad token range-token\"}").build());

    assertThatThrownBy(() -> source(PrometheusConfig.custom(server.url("/").toString()).bearerToken("range-token"))
        .measureRange(FIRST, MINUTE, 2))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("check the credentials")
        .hasMessageNotContaining("range-token");
  }

  @Test
  void anOverloadedServerIsTransient() {
    server.enqueue(new MockResponse.Builder().code(503).body("busy").build());

    assertThatThrownBy(() -> source().measureRange(FIRST, MINUTE, 2)).isInstanceOf(TransientAdapterException.class);
  }

  @Test
  void aRangeAnswerAboveTheSizeLimitIsNotReadFurther() {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      values.append(i == 0 ? "" : ",").append("[").append(1_700_000_000 + 60 * i).append(",\"100\"]");
    }
    answer(matrix(partSeries("checkout", "requests", values.toString())));

    assertThatThrownBy(() -> source(PrometheusConfig.custom(server.url("/").toString()).maxResponseBytes(2048))
        .measureRange(FIRST, MINUTE, 200))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("larger than maxResponseBytes (2048 bytes)");
  }

  @Test
  void moreThanElevenThousandTimesAreAskedForInChunksOfAtMostElevenThousandPoints() throws Exception {
    answer(matrix(partSeries("checkout", "requests", "[1700000000,\"100\"]")));
    answer(matrix(partSeries("checkout", "requests", "[" + (1_700_000_000 + 11_000) + ",\"50\"]")));

    List<MetricObservation> seen = source().measureRange(FIRST, Duration.ofSeconds(1), 11_001);

    assertThat(server.takeRequest().getBody().utf8()).contains("start=1700000000", "end=1700010999", "step=1");
    assertThat(server.takeRequest().getBody().utf8()).contains("start=1700011000", "end=1700011000", "step=1");
    assertThat(seen.get(0).canary().requests()).isEqualTo(100);
    assertThat(seen.get(1).canary()).isEqualTo(Measurement.noData());
    assertThat(seen.get(11_000).canary().requests()).isEqualTo(50);
  }

  @Test
  void aStepOrCountThatCannotBeAskedForIsRefusedNamingIt() {
    PrometheusMetricSource source = source();

    assertThatThrownBy(() -> source.measureRange(FIRST, Duration.ZERO, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("step must be a positive whole number of milliseconds, but was PT0S");
    assertThatThrownBy(() -> source.measureRange(FIRST, MINUTE, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("count must be at least 1, but was 0");
  }
}
