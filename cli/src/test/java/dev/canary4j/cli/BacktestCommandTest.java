package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.prometheus.testing.RecordingProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtest} over an hour of generated Istio traffic in a real Prometheus. */
class BacktestCommandTest {

  private static final String FROM = IstioHistory.START.plus(Duration.ofMinutes(5)).toString();
  private static final String TO = IstioHistory.START.plus(Duration.ofMinutes(50)).toString();

  @TempDir
  Path dir;

  private CliRun backtest(String canary, String... more) throws Exception {
    return backtestAt(IstioHistory.url(), canary, more);
  }

  private CliRun backtestAt(String prometheus, String canary, String... more) throws Exception {
    String[] base = {"backtest", "--prometheus", prometheus, "--policy", IstioHistory.policy(dir, canary).toString(),
        "--from", FROM, "--to", TO};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void theCanaryAtThreePercentErrorsWouldHaveBeenRolledBackAtTheThirdAnalysisNamingTickAndMetric() throws Exception {
    CliRun run = backtest("payments");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    // Tick 1 only shifts 10 % to the canary; ticks 2 to 4 analyse it, and the third failure rolls back.
    assertThat(run.out()).contains("[shop/payments] tick  2  PROGRESSING        primary  90% canary  10%  success 97.00%")
        .contains("[shop/payments] tick  4  FAILED             primary 100% canary   0%")
        .contains("would have rolled back at 13:08 (tick 4: request-success-rate 97 < 99)");
  }

  @Test
  void theHealthyCanaryWouldHaveBeenPromotedAndTheJsonIsTheTimelineFormatOfSimulate() throws Exception {
    Path json = dir.resolve("timeline.json");

    CliRun run = backtest("checkout", "--json", json.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("primary  50% canary  50%").containsPattern("would have promoted at 13:\\d\\d \\(tick \\d+\\)");
    String written = Files.readString(json);
    assertThat(dev.canary4j.timeline.TimelineFormat.check(written)).isEmpty();
    dev.canary4j.timeline.RolloutTimeline timeline = dev.canary4j.timeline.TimelineFormat.read(written);
    assertThat(timeline.source()).isEqualTo("backtest");
    assertThat(timeline.scenario()).isEqualTo("backtest shop/checkout");
    assertThat(timeline.outcome().result()).isEqualTo("promoted");
    assertThat(timeline.ticks().get(0).time()).isEqualTo(java.time.Instant.parse("2026-03-01T13:05:00Z"));
    assertThat(written).contains("\"label\" : \"PASS\"");
  }

  @Test
  void observedWeightsShowTheCanarysRealShareOfRequests() throws Exception {
    CliRun run = backtest("checkout", "--weights", "observed");

    assertThat(run.out()).contains("observed canary share 50.0%");
  }

  @Test
  void eachMetricIsFetchedWithOneRangeQueryAtTheTickTimesInsteadOfOneQueryPerTick() throws Exception {
    try (RecordingProxy proxy = RecordingProxy.to(IstioHistory.url())) {
      CliRun run = backtestAt(proxy.baseUrl(), "payments");

      assertThat(run.out()).contains("would have rolled back at 13:08 (tick 4: request-success-rate 97 < 99)");
      assertThat(proxy.count("/api/v1/query")).isZero();
      assertThat(proxy.queries()).hasSize(2).allSatisfy(q -> {
        assertThat(q.path()).isEqualTo("/api/v1/query_range");
        assertThat(q.form()).containsEntry("start", String.valueOf(Instant.parse(FROM).getEpochSecond()))
            .containsEntry("end", String.valueOf(Instant.parse(TO).getEpochSecond())).containsEntry("step", "60");
      });
      assertThat(proxy.queries()).extracting(q -> q.field("query"))
          .anySatisfy(q -> assertThat(q).contains("istio_requests_total"))
          .anySatisfy(q -> assertThat(q).contains("histogram_quantile(0.99"));
    }
  }

  @Test
  void observedWeightsCostOneMoreRangeQuery() throws Exception {
    try (RecordingProxy proxy = RecordingProxy.to(IstioHistory.url())) {
      CliRun run = backtestAt(proxy.baseUrl(), "checkout", "--weights", "observed");

      assertThat(run.out()).contains("observed canary share 50.0%");
      assertThat(proxy.queries()).hasSize(3).allSatisfy(q -> assertThat(q.path()).isEqualTo("/api/v1/query_range"));
    }
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsInvalidInput() throws Exception {
    CliRun run = CliRun.of("backtest", "--prometheus", "http://127.0.0.1:1", "--policy",
        IstioHistory.policy(dir, "checkout").toString(), "--from", TO, "--to", FROM);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--to: must be after --from (" + TO + "), but was " + FROM);
  }
}
