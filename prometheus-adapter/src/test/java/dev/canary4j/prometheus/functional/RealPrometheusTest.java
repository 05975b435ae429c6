package dev.canary4j.prometheus.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.sequential.LatencyHistogram;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.prometheus.testing.IstioTraffic;
import dev.canary4j.prometheus.testing.LocalPrometheus;
import dev.canary4j.prometheus.testing.OpenMetricsWriter;
import dev.canary4j.prometheus.testing.WorkloadTraffic;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.PermanentAdapterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metric source against a real Prometheus server over generated Istio traffic. */
class RealPrometheusTest {
  private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
  private static final Instant END = START.plus(Duration.ofHours(1));
  private static final Instant AT = START.plus(Duration.ofMinutes(30));
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final Duration SCRAPE = Duration.ofSeconds(15);

  // 200 responses per scrape: the primary fast and clean, the canary with 5% errors and a slow tail.
  static final WorkloadTraffic PRIMARY = new WorkloadTraffic(200, 0, new long[] {40, 80, 50, 20, 8, 2, 0, 0, 0, 0, 0});
  static final WorkloadTraffic CANARY = new WorkloadTraffic(190, 10, new long[] {20, 40, 60, 40, 20, 10, 4, 3, 2, 1, 0});

  @TempDir
  static Path dir;
  static LocalPrometheus prometheus;
  static PrometheusMetricSource source;

  @BeforeAll
  static void startPrometheusOverGeneratedTraffic() throws Exception {
    Path file = new IstioTraffic(START, END, SCRAPE)
        .workload("shop", "checkout-primary", PRIMARY)
        .workload("shop", "checkout", CANARY)
        .workload("shop", "cart-primary", PRIMARY)
        .workload("shop", "cart", WorkloadTraffic.idle())
        .writeTo(new OpenMetricsWriter())
        .writeTo(dir.resolve("istio.om.txt"));
    prometheus = LocalPrometheus.start(file, Files.createDirectories(dir.resolve("prometheus")));
    source = PrometheusMetricSource.builder(PrometheusClient.create(
        PrometheusConfig.custom(prometheus.baseUrl()).queryTimeout(Duration.ofSeconds(20)).build()))
        .seriesStep(Duration.ofMinutes(1)).build();
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static MetricObservation measure(String target, MetricCheck metric, boolean raw) {
    return source.measure(new MetricQuery(Target.of("shop", target), metric, AT, WINDOW, raw));
  }

  @Test
  void measuresTheSuccessRateOfBothVersionsWithTheRequestsBehindThem() {
    MetricObservation o = measure("checkout", MetricCheck.successRate(99), false);

    assertThat(o.canary().value()).isCloseTo(CANARY.successRatePercent(), within(1e-9));
    assertThat(o.primary().value()).isCloseTo(100.0, within(1e-9));
    assertThat((double) o.canary().requests()).isCloseTo(CANARY.requestsIn(WINDOW, SCRAPE), within(1.0));
    assertThat((double) o.primary().requests()).isCloseTo(PRIMARY.requestsIn(WINDOW, SCRAPE), within(1.0));
  }

  @Test
  void measuresTheP99DurationAsHistogramQuantileInterpolatesIt() {
    MetricObservation o = measure("checkout", MetricCheck.latencyP99(500), false);

    assertThat(o.canary().value()).isCloseTo(CANARY.p99Millis(), within(1e-6));
    assertThat(o.primary().value()).isCloseTo(PRIMARY.p99Millis(), within(1e-6));
    assertThat(o.canary().value()).isGreaterThan(1000.0);
    assertThat((double) o.canary().requests()).isCloseTo(CANARY.requestsIn(WINDOW, SCRAPE), within(1.0));
  }

  @Test
  void aCanaryWithoutTrafficHasNoDataWhileThePrimaryHasItsValue() {
    MetricObservation rate = measure("cart", MetricCheck.successRate(99), false);
    MetricObservation p99 = measure("cart", MetricCheck.latencyP99(500), false);

    assertThat(rate.canary()).isEqualTo(Measurement.noData());
    assertThat(p99.canary()).isEqualTo(Measurement.noData());
    assertThat(rate.primary().value()).isCloseTo(100.0, within(1e-9));
    assertThat(p99.primary().value()).isCloseTo(PRIMARY.p99Millis(), within(1e-6));
  }

  @Test
  void aCustomTemplateIsMeasuredOncePerVersion() {
    MetricCheck errorsPerSecond = MetricCheck.named("errors-per-second").withMax(1.0).withQuery(
        "sum(rate(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"{{ namespace }}\","
            + "destination_workload=\"{{ target }}\",response_code=~\"5..\"}[{{ interval }}]))");

    MetricObservation o = measure("checkout", errorsPerSecond, false);

    assertThat(o.canary().value()).isCloseTo(CANARY.errorsPerScrape() / 15.0, within(1e-9));
    assertThat(o.primary().value()).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void aVariableValueCannotInjectPromQl() {
    MetricCheck byCode = MetricCheck.named("by-code").withMax(1.0).withVariables(Map.of("code", "503\"} or vector(42) or x{a=\""))
        .withQuery("sum(rate(istio_requests_total{reporter=\"destination\",destination_workload=\"{{ target }}\","
            + "response_code=\"{{ code }}\"}[{{ interval }}]))");
    MetricCheck plain = byCode.withVariables(Map.of("code", "503"));

    assertThat(measure("checkout", plain, false).canary().value()).isCloseTo(CANARY.errorsPerScrape() / 15.0, within(1e-9));
    assertThat(measure("checkout", byCode, false).canary()).isEqualTo(Measurement.noData());
  }

  @Test
  void rawSeriesHaveOnePointPerStepOfTheWindow() {
    MetricObservation o = measure("checkout", MetricCheck.successRate(99), true);

    assertThat(o.canarySeries().timestamps()).containsExactly(
        AT.minus(Duration.ofMinutes(4)).toEpochMilli(), AT.minus(Duration.ofMinutes(3)).toEpochMilli(),
        AT.minus(Duration.ofMinutes(2)).toEpochMilli(), AT.minus(Duration.ofMinutes(1)).toEpochMilli(), AT.toEpochMilli());
    assertThat(Arrays.stream(o.canarySeries().values()).boxed()).allSatisfy(v -> assertThat(v).isCloseTo(95.0, within(1e-9)));
    assertThat(Arrays.stream(o.primarySeries().values()).boxed()).hasSize(5).allSatisfy(v -> assertThat(v).isCloseTo(100.0, within(1e-9)));
    assertThat(o.canary().samples()).isEqualTo(o.canary().requests()).isGreaterThan(1000);
  }

  @Test
  void minSamplesCountsTheRequestsBehindABuiltInValue() {
    MetricCheck check = MetricCheck.successRate(90).withMinSamples(5);
    MetricObservation o = measure("checkout", check, false);

    assertThat(o.canary().samples()).isEqualTo(o.canary().requests()).isGreaterThan(1000);
    assertThat(ThresholdJudge.judge(check, o.canary(), o.primary()).label()).isEqualTo(VerdictLabel.PASS);
    assertThat(ThresholdJudge.judge(check.withMinSamples(1_000_000), o.canary(), o.primary()).label())
        .isEqualTo(VerdictLabel.NO_DATA);
  }

  @Test
  void anInfiniteAnswerOfATemplatePassesNoBound() {
    MetricCheck check = MetricCheck.named("divided-by-zero").withMin(99.0)
        .withQuery("sum(increase(istio_requests_total{destination_workload=\"{{ target }}\"}[{{ interval }}])) / 0");
    MetricObservation o = measure("checkout", check, false);

    assertThat(o.canary().value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ThresholdJudge.judge(check, o.canary(), o.primary()).label()).isEqualTo(VerdictLabel.NO_DATA);
    MetricCheck negative = check.withMin(null).withMax(1.0).withQuery("-" + check.query());
    assertThat(ThresholdJudge.judge(negative, measure("checkout", negative, false).canary(), null).label())
        .isEqualTo(VerdictLabel.NO_DATA);
  }

  @Test
  void rawP99SeriesHaveTheInterpolatedPercentileAtEveryStep() {
    MetricObservation o = measure("checkout", MetricCheck.latencyP99(500), true);

    assertThat(Arrays.stream(o.canarySeries().values()).boxed()).hasSize(5)
        .allSatisfy(v -> assertThat(v).isCloseTo(CANARY.p99Millis(), within(1e-6)));
    assertThat(Arrays.stream(o.primarySeries().values()).boxed()).hasSize(5)
        .allSatisfy(v -> assertThat(v).isCloseTo(PRIMARY.p99Millis(), within(1e-6)));
  }

  @Test
  void countsRequestsAndFiveHundredsOverTheWindowForTheSequentialJudge() {
    MetricObservation o = source.measure(new MetricQuery(Target.of("shop", "checkout"),
        MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE).withJudge(SequentialConfig.ofDefaults()), AT, WINDOW, false, true));

    double scrapes = (double) WINDOW.toMillis() / SCRAPE.toMillis();
    assertThat((double) o.canaryCounts().requests()).isCloseTo(CANARY.requestsIn(WINDOW, SCRAPE), within(1.0));
    assertThat((double) o.canaryCounts().errors()).isCloseTo(CANARY.errorsPerScrape() * scrapes, within(1.0));
    assertThat((double) o.primaryCounts().requests()).isCloseTo(PRIMARY.requestsIn(WINDOW, SCRAPE), within(1.0));
    assertThat(o.primaryCounts().errors()).isZero();
  }

  @Test
  void readsEachVersionsLatencyHistogramOverTheWindowForTheSequentialJudge() {
    MetricObservation o = source.measure(new MetricQuery(Target.of("shop", "checkout"),
        MetricCheck.named(MetricCheck.REQUEST_DURATION).withJudge(SequentialConfig.ofDefaults()), AT, WINDOW, false, true));

    double scrapes = (double) WINDOW.toMillis() / SCRAPE.toMillis();
    LatencyHistogram canary = o.canaryCounts().latency();
    assertThat(canary.upperBounds()).hasSize(IstioTraffic.BUCKETS.length + 1);
    assertThat(Arrays.copyOf(canary.upperBounds(), IstioTraffic.BUCKETS.length)).containsExactly(IstioTraffic.BUCKETS);
    long[] perScrape = CANARY.latencyPerScrape();
    long cumulative = 0;
    for (int b = 0; b < perScrape.length; b++) {
      cumulative += perScrape[b];
      assertThat((double) canary.cumulativeCounts()[b]).as("bucket %d", b).isCloseTo(cumulative * scrapes, within(1.0));
    }
    assertThat((double) o.primaryCounts().latency().total()).isCloseTo(PRIMARY.requestsIn(WINDOW, SCRAPE), within(1.0));
  }

  @Test
  void aQueryPrometheusCannotParseIsAPermanentErrorWithItsMessageAndTheQuery() {
    MetricCheck broken = MetricCheck.named("broken").withMax(1.0).withQuery("sum(rate(istio_requests_total[{{ interval }}])");

    assertThatThrownBy(() -> measure("checkout", broken, false))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("bad_data")
        .hasMessageContaining("parse error")
        .hasMessageContaining("query: sum(rate(istio_requests_total[5m])");
  }

  @Test
  void severalSeriesWhereOneIsExpectedIsAnErrorListingTheirLabels() {
    MetricCheck perCode = MetricCheck.named("per-code").withMax(1.0).withQuery(
        "sum by (response_code) (rate(istio_requests_total{reporter=\"destination\",destination_workload=\"{{ target }}\"}[{{ interval }}]))");

    assertThatThrownBy(() -> measure("checkout", perCode, false))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("expected at most one series for the canary but the query returned 2")
        .hasMessageContaining("{response_code=\"200\"}")
        .hasMessageContaining("{response_code=\"503\"}");
  }

}
