package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.AnalysisOutcome;
import dev.canary4j.TickAnalysis;
import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.RequestCounts;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Judging a canary once, without a runner, from any metric source. */
class LiveJudgeTest {

  private static final Instant AT = Instant.parse("2026-03-01T14:00:00Z");

  private static CanaryPolicy policy(MetricCheck... metrics) {
    CanaryPolicy.Builder b = CanaryPolicy.builder().target("shop", "checkout").strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1));
    for (MetricCheck m : metrics) {
      b.metric(m);
    }
    return b.build();
  }

  private final List<MetricQuery> asked = new ArrayList<>();

  /** A source answering each metric with the canary's and the primary's value from {@code values}. */
  private dev.canary4j.spi.MetricSource source(Map<String, double[]> values) {
    return query -> {
      asked.add(query);
      double[] v = values.get(query.metric().name());
      return MetricObservation.of(Measurement.of(v[0], 1000), Measurement.of(v[1], 1000));
    };
  }

  @Test
  void everyMetricIsJudgedAndOneFailureFailsTheAnalysis() {
    CanaryPolicy policy = policy(MetricCheck.successRate(99), MetricCheck.latencyP99(300).withInterval(Duration.ofMinutes(5)));

    TickAnalysis analysis = LiveJudge.judge(policy, source(Map.of("request-success-rate", new double[] {97, 99.9},
        "request-duration", new double[] {120, 110})), AT, null);

    assertThat(analysis.outcome()).isEqualTo(AnalysisOutcome.FAIL);
    assertThat(analysis.verdicts()).extracting(v -> v.metric() + " " + v.label())
        .containsExactly("request-success-rate FAIL_LOW", "request-duration PASS");
    assertThat(asked).extracting(MetricQuery::end).containsOnly(AT);
    assertThat(asked).extracting(MetricQuery::window).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5));
  }

  @Test
  void aWindowGivenReplacesEveryMetricsOwnAndGatesPlayNoPart() {
    CanaryPolicy policy = policy(MetricCheck.successRate(99).withInterval(Duration.ofMinutes(5))).toBuilder()
        .gate(new GateSpec("load", GateType.ROLLOUT, java.net.URI.create("http://loadtester/"), null, null, null, null))
        .build();

    TickAnalysis analysis = LiveJudge.judge(policy, source(Map.of("request-success-rate", new double[] {99.9, 99.9})),
        AT, Duration.ofMinutes(10));

    assertThat(analysis.outcome()).isEqualTo(AnalysisOutcome.PASS);
    assertThat(asked).extracting(MetricQuery::window).containsExactly(Duration.ofMinutes(10));
  }

  @Test
  void aFailingSourceIsAnErrorVerdictNamingTheFailureNotAFailedCanary() {
    CanaryPolicy policy = policy(MetricCheck.successRate(99));

    TickAnalysis analysis = LiveJudge.judge(policy, query -> {
      throw new TransientAdapterException("connection refused");
    }, AT, null);

    assertThat(analysis.outcome()).isEqualTo(AnalysisOutcome.ERROR);
    assertThat(analysis.verdicts().get(0).label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(analysis.verdicts().get(0).reason()).contains("the metric source failed (transient): connection refused");
  }

  @Test
  void theSequentialJudgeGetsTheRequestCountsItNeedsAndStartsWithoutEvidence() {
    CanaryPolicy policy = policy(MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE).withJudge(SequentialConfig.ofDefaults()));

    TickAnalysis analysis = LiveJudge.judge(policy, query -> {
      asked.add(query);
      return MetricObservation.of(Measurement.noData(), Measurement.noData())
          .withCounts(RequestCounts.ofErrors(10_000, 900), RequestCounts.ofErrors(10_000, 10));
    }, AT, null);

    assertThat(asked.get(0).requestCounts()).isTrue();
    assertThat(analysis.verdicts().get(0).label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(analysis.outcome()).isEqualTo(AnalysisOutcome.FAIL);
  }

  @Test
  void aWindowThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> LiveJudge.judge(policy(MetricCheck.successRate(99)), source(Map.of()), AT, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("window must be positive, but was PT0S");
  }
}
