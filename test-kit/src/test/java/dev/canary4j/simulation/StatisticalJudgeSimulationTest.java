package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.EffectSizeMeasure;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Scoring;
import dev.canary4j.spec.PolicyReader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Policies with statistical judges run end to end by the real runner on simulated traffic. */
class StatisticalJudgeSimulationTest {

  private static final TrafficModel.Behaviour PRIMARY = TrafficModel.Behaviour.of(0.5, 80);

  private static CanaryPolicy withMetric(MetricCheck... metrics) {
    return CanaryPolicy.builder().target("shop", "podinfo").strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1)).metrics(java.util.List.of(metrics)).build();
  }

  private static Timeline run(CanaryPolicy policy, TrafficModel.Behaviour canary, long seed) {
    return Simulation.run(policy, Scenario.ofTraffic("statistical", seed, 30, TrafficModel.of(100, PRIMARY, canary)));
  }

  private static final CanaryPolicy SEQUENTIAL = withMetric(
      MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE).withCritical(true).withJudge(SequentialConfig.ofDefaults()),
      MetricCheck.named(MetricCheck.REQUEST_DURATION).withCritical(true).withJudge(SequentialConfig.ofDefaults()));

  @Test
  void theSequentialJudgeRollsBackACanaryWithFourTimesTheErrorsWithinTheFirstSteps() {
    Timeline timeline = run(SEQUENTIAL, TrafficModel.Behaviour.of(2, 80), 7);

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.canaryWeights()).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(20));
    assertThat(timeline.decidingVerdicts()).singleElement().satisfies(v -> {
      assertThat(v.metric()).isEqualTo(MetricCheck.REQUEST_SUCCESS_RATE);
      assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
      assertThat(v.statistics().get("eValueAgainst")).isGreaterThanOrEqualTo(100);
    });
  }

  @Test
  void theSequentialJudgePromotesAHealthyCanaryWhileItWatches() {
    Timeline timeline = run(SEQUENTIAL, PRIMARY, 7);

    assertThat(timeline.promoted()).isTrue();
    assertThat(timeline.canaryWeights()).contains(10, 20, 30, 40, 50);
    assertThat(timeline.lastAnalysis()).get().satisfies(t -> assertThat(t.verdicts()).extracting(Verdict::label)
        .containsOnly(VerdictLabel.PASS));
  }

  @Test
  void theSequentialJudgeRollsBackATailLatencyRegressionFromTheHistogramBuckets() {
    Timeline timeline = run(SEQUENTIAL, new TrafficModel.Behaviour(0.5, 120, 0.3, 0), 7);

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.decidingVerdicts()).singleElement().satisfies(v -> {
      assertThat(v.metric()).isEqualTo(MetricCheck.REQUEST_DURATION);
      assertThat(v.statistics().get("bound")).isEqualTo(250.0);
    });
  }

  private static final CanaryPolicy MANN_WHITNEY = withMetric(MetricCheck.named(MetricCheck.REQUEST_DURATION)
      .withCritical(true).withJudge(MannWhitneyConfig.custom().direction(Direction.INCREASE)
          .effectSize(EffectSizeMeasure.MEAN_RATIO, 1.0, 1.1).criticalEffectSize(1.0, 1.5).build()));

  @Test
  void theMannWhitneyJudgeRollsBackACanaryWhoseP99SeriesIsTwiceThePrimarys() {
    Timeline timeline = run(MANN_WHITNEY, TrafficModel.Behaviour.of(0.5, 160), 11);

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.canaryWeights()).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(10));
    assertThat(timeline.decidingVerdicts()).singleElement().satisfies(v -> {
      assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
      assertThat(v.critical()).isTrue();
      assertThat(v.statistics().get("meanRatio")).isGreaterThan(1.5);
    });
  }

  @Test
  void theMannWhitneyJudgePromotesACanaryWithThePrimarysLatency() {
    Timeline timeline = run(MANN_WHITNEY, PRIMARY, 11);

    assertThat(timeline.promoted()).isTrue();
  }

  @Test
  void theExampleStatisticalPolicyRollsBackEveryBadCanaryAndPromotesEveryHealthyOneOverTwentySeeds() throws Exception {
    CanaryPolicy example = PolicyReader.read(Path.of("../examples/policies/statistical.yaml"));
    int promotedHealthy = 0;
    int rolledBackErrors = 0;
    int rolledBackSlow = 0;
    for (long seed = 1; seed <= 20; seed++) {
      promotedHealthy += run(example, PRIMARY, seed).promoted() ? 1 : 0;
      rolledBackErrors += run(example, TrafficModel.Behaviour.of(2, 80), seed).outcome() == Phase.FAILED ? 1 : 0;
      rolledBackSlow += run(example, TrafficModel.Behaviour.of(0.5, 160), seed).outcome() == Phase.FAILED ? 1 : 0;
    }

    assertThat(promotedHealthy).isEqualTo(20);
    assertThat(rolledBackErrors).isEqualTo(20);
    assertThat(rolledBackSlow).isEqualTo(20);
  }

  @Test
  void theExampleScoredPolicyPromotesHealthyCanariesHoldsSlowerOnesAndRollsBackWorseOnesOverTwentySeeds() throws Exception {
    CanaryPolicy example = PolicyReader.read(Path.of("../examples/policies/kayenta-score.yaml"));
    int promotedHealthy = 0;
    int rolledBackErrors = 0;
    int rolledBackTwiceAsSlowAtOnce = 0;
    int slightlySlowerHeld = 0;
    for (long seed = 1; seed <= 20; seed++) {
      promotedHealthy += run(example, PRIMARY, seed).promoted() ? 1 : 0;
      rolledBackErrors += run(example, TrafficModel.Behaviour.of(2, 80), seed).outcome() == Phase.FAILED ? 1 : 0;
      Timeline slow = run(example, TrafficModel.Behaviour.of(0.5, 160), seed);
      rolledBackTwiceAsSlowAtOnce += slow.outcome() == Phase.FAILED && slow.decidingVerdicts().stream()
          .anyMatch(v -> v.metric().equals(Scoring.VERDICT_NAME) && v.critical()) ? 1 : 0;
      Timeline slower = run(example, TrafficModel.Behaviour.of(0.5, 100), seed);
      slightlySlowerHeld += slower.ticks().stream().anyMatch(t -> t.verdicts().stream()
          .anyMatch(v -> v.metric().equals(Scoring.VERDICT_NAME) && v.reason().startsWith("marginal"))) ? 1 : 0;
    }

    assertThat(promotedHealthy).isEqualTo(20);
    assertThat(rolledBackErrors).isEqualTo(20);
    assertThat(rolledBackTwiceAsSlowAtOnce).isEqualTo(20);
    assertThat(slightlySlowerHeld).isGreaterThanOrEqualTo(15);
  }
}
