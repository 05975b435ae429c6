package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.prometheus.testing.RecordingProxy;
import dev.canary4j.simulation.Replay;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TimelineTick;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.spi.MetricSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backtest over range queries and one over an instant query per tick and metric, on the same real
 * Prometheus data, write the same timeline; the range path makes one request per metric.
 */
class BacktestPathsTest {

  private static final Instant FROM = IstioHistory.START.plus(Duration.ofMinutes(5));
  private static final int TICKS = 46;

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"payments", "checkout", "cart", "orders"})
  void rangeQueriesAndOneQueryPerTickGiveTheSameTimeline(String canary) throws Exception {
    CanaryPolicy policy = PolicyReader.read(IstioHistory.policy(dir, canary));
    try (RecordingProxy proxy = RecordingProxy.to(IstioHistory.url())) {
      PrometheusMetricSource source = PrometheusMetricSource.create(PrometheusClient.create(
          PrometheusConfig.custom(proxy.baseUrl()).build()));

      Timeline ranged = Replay.run(policy, "backtest", FROM, TICKS, source);
      long rangeRequests = proxy.queries().size();
      proxy.clear();
      MetricSource oneQueryPerTick = source::measure;
      Timeline perTick = Replay.run(policy, "backtest", FROM, TICKS, oneQueryPerTick);

      assertThat(ranged).isEqualTo(perTick);
      assertThat(ranged.ticks()).anySatisfy(t -> assertThat(t.verdicts()).isNotEmpty());
      assertThat(rangeRequests).isEqualTo(policy.analysis().metrics().size());
      int verdicts = ranged.ticks().stream().mapToInt((TimelineTick t) -> t.verdicts().size()).sum();
      assertThat(proxy.count("/api/v1/query")).isEqualTo(verdicts);
    }
  }
}
