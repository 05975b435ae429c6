package dev.canary4j.spec;

import static dev.canary4j.spec.PolicyReaderTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.EffectSizeMeasure;
import dev.canary4j.judge.mannwhitney.IntervalMethod;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.mannwhitney.NanStrategy;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.JudgeConfig;
import org.junit.jupiter.api.Test;

/** Reading a metric's {@code judge}: both statistical judges, their options, and what is wrong with them. */
class JudgeSpecReaderTest {

  private static String withJudge(String judge) {
    return PolicyReaderTest.MINIMAL.replace("{name: request-success-rate, min: 99}",
        "{name: request-success-rate, judge: " + judge + "}");
  }

  private static JudgeConfig judgeOf(String judge) {
    return PolicyReader.fromYaml(withJudge(judge)).analysis().metrics().get(0).judge();
  }

  @Test
  void readsEveryMannWhitneyOptionUnderKayentasNames() {
    JudgeConfig judge = judgeOf("""
        {type: mann-whitney, direction: increase, nanStrategy: replace, outliers: {factor: 3},
             critical: true, mustHaveData: true,
             effectSize: {measure: meanRatio, allowedIncrease: 1.2, allowedDecrease: 0.9, criticalIncrease: 2, criticalDecrease: 0.5},
             tolerance: 0.1, confidenceLevel: 0.95, exact: true}""");

    assertThat(judge).isEqualTo(MannWhitneyConfig.custom().direction(Direction.INCREASE).nanStrategy(NanStrategy.REPLACE)
        .removeOutliers(3).critical(true).mustHaveData(true).effectSize(EffectSizeMeasure.MEAN_RATIO, 0.9, 1.2)
        .criticalEffectSize(0.5, 2).tolerance(0.1).confidenceLevel(0.95).method(IntervalMethod.EXACT).build());
  }

  @Test
  void exactFalseForcesTheNormalApproximationAsInR() {
    assertThat(judgeOf("{type: mann-whitney, exact: false}"))
        .isEqualTo(MannWhitneyConfig.custom().method(IntervalMethod.NORMAL_APPROXIMATION).build());
  }

  @Test
  void aMannWhitneyJudgeWithOnlyItsTypeHasKayentasDefaults() {
    assertThat(judgeOf("{type: mann-whitney}")).isEqualTo(MannWhitneyConfig.ofDefaults());
  }

  @Test
  void omittedEffectSizeThresholdsMeanNoChangeOnTheChosenMeasure() {
    assertThat(judgeOf("{type: mann-whitney, effectSize: {measure: cles, allowedIncrease: 0.7}}")).isEqualTo(
        MannWhitneyConfig.custom().effectSize(EffectSizeMeasure.CLES, 0.5, 0.7).criticalEffectSize(0.5, 0.5).build());
  }

  @Test
  void readsEverySequentialOption() {
    assertThat(judgeOf("{type: sequential, alpha: 0.05, allowedDegradation: 0.1, latencyQuantile: 0.95, whileUndecided: hold}"))
        .isEqualTo(SequentialConfig.custom().alpha(0.05).allowedDegradation(0.1).latencyQuantile(0.95)
            .whileUndecided(SequentialConfig.WhileUndecided.HOLD).build());
  }

  @Test
  void readsTheAllowedDegradationAsAPercentageToo() {
    assertThat(judgeOf("{type: sequential, allowedDegradation: 50%}"))
        .isEqualTo(SequentialConfig.custom().allowedDegradation(0.5).build());
    assertThat(judgeOf("{type: sequential}")).isEqualTo(SequentialConfig.ofDefaults());
  }

  @Test
  void reportsEveryBrokenMannWhitneyRuleUnderTheMetricsJudgePath() {
    assertThat(violations(withJudge("""
        {type: mann-whitney, tolerance: -1, confidenceLevel: 1.2, outliers: {factor: 0},
             effectSize: {measure: cles, allowedIncrease: 0.4}}""")))
        .containsExactlyInAnyOrder(
            "analysis.metrics[0].judge.tolerance: must be a finite number of at least 0, but was -1.0",
            "analysis.metrics[0].judge.confidenceLevel: must be greater than 0 and lower than 1, but was 1.2",
            "analysis.metrics[0].judge.outliers.factor: must be a finite number greater than 0, but was 0.0",
            "analysis.metrics[0].judge.effectSize.allowedIncrease: must be at least 0.5 (no change) for cles, but was 0.4");
  }

  @Test
  void reportsUnknownKeysAndWrongTypesWithTheirPaths() {
    assertThat(violations(withJudge("""
        {type: mann-whitney, direction: sideways, critical: maybe, tolerence: 0.2, effectSize: {measure: median}}""")))
        .containsExactlyInAnyOrder(
            "analysis.metrics[0].judge.tolerence: is not a known field (did you mean 'tolerance'? known: type, direction, "
                + "nanStrategy, outliers, critical, mustHaveData, effectSize, tolerance, confidenceLevel, groups, exact)",
            "analysis.metrics[0].judge.direction: must be one of increase, decrease, either, but was 'sideways'",
            "analysis.metrics[0].judge.critical: must be true or false, but was 'maybe'",
            "analysis.metrics[0].judge.effectSize.measure: must be one of meanRatio, cles, but was 'median'");
  }

  @Test
  void reportsEveryBrokenSequentialRule() {
    assertThat(violations(withJudge("{type: sequential, alpha: 1.5, allowedDegradation: high, whileUndecided: wait, beta: 2,"
        + " detect: twice, detectSlowdown: -5%, gamma: 1}")))
        .containsExactlyInAnyOrder(
            "analysis.metrics[0].judge.gamma: is not a known field (known: type, alpha, allowedDegradation, "
                + "latencyQuantile, whileUndecided, detect, detectSlowdown, beta)",
            "analysis.metrics[0].judge.alpha: must be greater than 0 and lower than 1, but was 1.5",
            "analysis.metrics[0].judge.beta: must be greater than 0 and lower than 1, but was 2.0",
            "analysis.metrics[0].judge.allowedDegradation: must be a number, but was 'high'",
            "analysis.metrics[0].judge.detect: must be a number, but was 'twice'",
            "analysis.metrics[0].judge.detectSlowdown: must be greater than 0 and at most 10 (a fraction: 0.3 is 30 % slower),"
                + " but was -0.05",
            "analysis.metrics[0].judge.whileUndecided: must be one of advance, hold, hold-promotion, but was 'wait'");
  }

  @Test
  void readsTheTwoSidedOptionsInTheirOwnTerms() {
    assertThat(judgeOf("{type: sequential, allowedDegradation: 0%, detect: 2x, detectSlowdown: 30%, beta: 0.1,"
        + " whileUndecided: hold-promotion}"))
        .isEqualTo(SequentialConfig.custom().allowedDegradation(0).detect(2).detectSlowdown(0.3).beta(0.1)
            .whileUndecided(SequentialConfig.WhileUndecided.HOLD_PROMOTION).build());
    assertThat(violations(withJudge("{type: sequential, detect: 1.2x}"))).containsExactly(
        "analysis.metrics[0].judge.detect: must be a ratio of at least 1.25 x the acceptable ratio 1 + allowedDegradation"
            + " (1.563) and at most 1000 (2x: twice the primary's rate), but was 1.2");
    assertThat(violations(withJudge("{type: sequential, detect: 2y}"))).containsExactly(
        "analysis.metrics[0].judge.detect: must be a number, but was '2y'");
  }

  @Test
  void rejectsAnUnknownJudgeOrOneThatIsNotAMappingNamingTheKnownOnes() {
    assertThat(violations(withJudge("{type: bayesian}")))
        .containsExactly("analysis.metrics[0].judge.type: must name a known statistical judge "
            + "(known judges: mann-whitney, sequential), but was 'bayesian'");
    assertThat(violations(withJudge("sequential")))
        .containsExactly("analysis.metrics[0].judge: must be a mapping whose type names a statistical judge "
            + "(known judges: mann-whitney, sequential), but was 'sequential'");
    assertThat(violations(withJudge("{alpha: 0.05}")))
        .contains("analysis.metrics[0].judge.type: is required: name a statistical judge (known judges: mann-whitney, sequential)");
  }
}
