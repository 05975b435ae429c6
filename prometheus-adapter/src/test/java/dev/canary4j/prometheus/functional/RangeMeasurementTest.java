package dev.canary4j.prometheus.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.prometheus.testing.IstioTraffic;
import dev.canary4j.prometheus.testing.LocalPrometheus;
import dev.canary4j.prometheus.testing.OpenMetricsWriter;
import dev.canary4j.prometheus.testing.RecordingProxy;
import dev.canary4j.prometheus.testing.WorkloadTraffic;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measuring a metric at many ticks with range queries against a real Prometheus gives, tick for tick,
 * what one instant query per tick gives, with one request per PromQL expression.
 */
class RangeMeasurementTest {
  private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
  private static final Instant END = START.plus(Duration.ofMinutes(40));
  private static final Duration SCRAPE = Duration.ofSeconds(15);
  private static final Duration TICK = Duration.ofMinutes(1);
  private static final Duration WINDOW = Duration.ofMinutes(2);
  // From before the first sample to after the lookback past the last one: the ends have no data.
  private static final Instant FIRST = START.minus(Duration.ofMinutes(3));
  private static final int TICKS = 52;

  static final WorkloadTraffic PRIMARY = new WorkloadTraffic(200, 0, new long[] {40, 80, 50, 20, 8, 2, 0, 0, 0, 0, 0});
  static final WorkloadTraffic CANARY = new WorkloadTraffic(194, 6, new long[] {20, 40, 60, 40, 20, 10, 4, 3, 2, 1, 0});
  // From 20 minutes in, the canary gets worse, so that a measurement taken at the wrong time shows.
  static final Instant CHANGE = START.plus(Duration.ofMinutes(20));
  static final WorkloadTraffic WORSE = new WorkloadTraffic(170, 30, new long[] {10, 20, 40, 40, 20, 15, 10, 10, 5, 0, 30});

  @TempDir
  static Path dir;
  static LocalPrometheus prometheus;
  static RecordingProxy proxy;
  static PrometheusMetricSource source;

  @BeforeAll
  static void startPrometheusBehindARecordingProxy() throws Exception {
    Path file = new IstioTraffic(START, END, SCRAPE)
        .workload("shop", "checkout-primary", PRIMARY)
        .workload("shop", "checkout", CANARY, CHANGE, WORSE)
        .writeTo(new OpenMetricsWriter())
        .writeTo(dir.resolve("istio.om.txt"));
    prometheus = LocalPrometheus.start(file, Files.createDirectories(dir.resolve("prometheus")));
    proxy = RecordingProxy.to(prometheus.baseUrl());
    source = PrometheusMetricSource.builder(PrometheusClient.create(
        PrometheusConfig.custom(proxy.baseUrl()).queryTimeout(Duration.ofSeconds(20)).build()))
        .seriesStep(Duration.ofSeconds(30)).build();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() {
    proxy.clear();
  }

  private static MetricQuery first(MetricCheck metric, boolean raw, boolean counts) {
    return new MetricQuery(Target.of("shop", "checkout"), metric, FIRST, WINDOW, raw, counts);
  }

  private static List<MetricObservation> tickByTick(MetricQuery first) {
    List<MetricObservation> seen = new ArrayList<>();
    for (int i = 0; i < TICKS; i++) {
      seen.add(source.measure(first.endingAt(FIRST.plus(TICK.multipliedBy(i)))));
    }
    return seen;
  }

  /** The range measurement, after checking it against one measurement per tick and counting its requests. */
  private static List<MetricObservation> rangeEqualsTickByTick(MetricQuery first, int rangeQueries, int perTickQueries) {
    List<MetricObservation> ranged = source.measureRange(first, TICK, TICKS);
    assertThat(proxy.count("/api/v1/query_range")).as("range queries").isEqualTo(rangeQueries);
    assertThat(proxy.count("/api/v1/query")).as("instant queries").isZero();
    proxy.clear();

    List<MetricObservation> perTick = tickByTick(first);

    assertThat(proxy.queries()).hasSize(TICKS * perTickQueries);
    assertThat(ranged).hasSize(TICKS).containsExactlyElementsOf(perTick);
    return ranged;
  }

  @Test
  void theSuccessRateAtEveryTickIsTheInstantQuerysWithOneRangeQueryInsteadOfOnePerTick() {
    List<MetricObservation> ranged = rangeEqualsTickByTick(first(MetricCheck.successRate(99), false, false), 1, 1);

    assertThat(ranged.get(10).canary().value()).isEqualTo(97.0);
    assertThat(ranged.get(40).canary().value()).isEqualTo(85.0);
    assertThat(ranged.get(10).primary().value()).isEqualTo(100.0);
  }

  @Test
  void theRangeQueryIsEvaluatedAtTheTickTimesThemselves() {
    source.measureRange(first(MetricCheck.successRate(99), false, false), TICK, TICKS);

    RecordingProxy.Query range = proxy.queries().get(0);
    assertThat(range.field("start")).isEqualTo(String.valueOf(FIRST.getEpochSecond()));
    assertThat(range.field("end")).isEqualTo(String.valueOf(FIRST.plus(TICK.multipliedBy(TICKS - 1)).getEpochSecond()));
    assertThat(range.field("step")).isEqualTo("60");
  }

  @Test
  void ticksWithoutPointsInTheRangeAreNoDataAsTheirInstantQueriesAre() {
    List<MetricObservation> ranged = rangeEqualsTickByTick(first(MetricCheck.successRate(99), false, false), 1, 1);

    // Before the first scrape and after Prometheus' five-minute lookback past the last one.
    assertThat(ranged.get(0).canary()).isEqualTo(Measurement.noData());
    assertThat(ranged.get(TICKS - 1).canary()).isEqualTo(Measurement.noData());
    assertThat(ThresholdJudge.judge(MetricCheck.successRate(99), ranged.get(0).canary(), ranged.get(0).primary()).label())
        .isEqualTo(VerdictLabel.NO_DATA);
  }

  @Test
  void theP99DurationWithItsRequestCountsIsTheInstantQuerysToo() {
    List<MetricObservation> ranged = rangeEqualsTickByTick(first(MetricCheck.latencyP99(500), false, false), 1, 1);

    assertThat(ranged.get(10).canary().value()).isGreaterThan(1000.0).isLessThan(ranged.get(40).canary().value());
    assertThat(ranged.get(10).canary().requests()).isPositive();
  }

  @Test
  void requestCountsForTheSequentialJudgeCostOneMoreRangeQueryForTheLatencyHistogramOnly() {
    rangeEqualsTickByTick(first(MetricCheck.successRate(99).withJudge(SequentialConfig.ofDefaults()), false, true), 1, 1);
    proxy.clear();
    List<MetricObservation> durations =
        rangeEqualsTickByTick(first(MetricCheck.latencyP99(500).withJudge(SequentialConfig.ofDefaults()), false, true), 2, 2);

    assertThat(durations.get(10).canaryCounts().latency().total()).isPositive();
  }

  @Test
  void rawSeriesForMannWhitneyAreCutFromOneLongRangeQuery() {
    MetricCheck check = MetricCheck.successRate(99).withJudge(MannWhitneyConfig.ofDefaults());

    List<MetricObservation> ranged = rangeEqualsTickByTick(first(check, true, false), 2, 2);

    assertThat(ranged.get(10).canarySeries().size()).isEqualTo(4);
  }

  @Test
  void aTemplateCostsOneRangeQueryPerVersion() {
    MetricCheck errorsPerSecond = MetricCheck.named("errors-per-second").withMax(1.0).withQuery(
        "sum(rate(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"{{ namespace }}\","
            + "destination_workload=\"{{ target }}\",response_code=~\"5..\"}[{{ interval }}]))");

    List<MetricObservation> ranged = rangeEqualsTickByTick(first(errorsPerSecond, false, false), 2, 2);

    assertThat(ranged.get(10).canary().value()).isEqualTo(CANARY.errorsPerScrape() / 15.0);
    assertThat(ranged.get(40).canary().value()).isEqualTo(WORSE.errorsPerScrape() / 15.0);
  }

  @Test
  void aRangeOfMoreThanElevenThousandPointsIsFetchedInChunksThatPrometheusAccepts() {
    MetricQuery first = first(MetricCheck.successRate(99), false, false);
    Duration step = Duration.ofMillis(200);
    int ticks = 11_500;

    List<MetricObservation> ranged = source.measureRange(first, step, ticks);

    assertThat(proxy.queries()).extracting(q -> q.field("start") + ".." + q.field("end") + " every " + q.field("step"))
        .containsExactly(seconds(FIRST) + ".." + seconds(FIRST.plus(step.multipliedBy(10_999))) + " every 0.2",
            seconds(FIRST.plus(step.multipliedBy(11_000))) + ".." + seconds(FIRST.plus(step.multipliedBy(11_499))) + " every 0.2");
    for (int i : new int[] {0, 2_000, 10_999, 11_000, 11_499}) {
      assertThat(ranged.get(i)).as("tick %d", i).isEqualTo(source.measure(first.endingAt(FIRST.plus(step.multipliedBy(i)))));
    }
    assertThat(ranged.get(11_499).canary().value()).isEqualTo(85.0);
  }

  private static String seconds(Instant time) {
    return java.math.BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3).stripTrailingZeros().toPlainString();
  }
}
