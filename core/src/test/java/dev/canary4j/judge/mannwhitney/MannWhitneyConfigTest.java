package dev.canary4j.judge.mannwhitney;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.policy.InvalidPolicyException;
import org.junit.jupiter.api.Test;

class MannWhitneyConfigTest {

  @Test
  void defaultsAreKayentasJudgeSettings() {
    MannWhitneyConfig c = MannWhitneyConfig.ofDefaults();

    assertThat(c.judgeName()).isEqualTo("mann-whitney");
    assertThat(c.tolerance()).isEqualTo(0.25);
    assertThat(c.confidenceLevel()).isEqualTo(0.98);
    assertThat(c.direction()).isEqualTo(Direction.EITHER);
    assertThat(c.nanStrategy()).isEqualTo(NanStrategy.REMOVE);
    assertThat(c.outlierFactor()).isNull();
    assertThat(c.violations("x")).isEmpty();
  }

  @Test
  void buildReportsEveryBrokenRuleWithItsPath() {
    assertThatThrownBy(() -> MannWhitneyConfig.custom().tolerance(-1).confidenceLevel(1.2).removeOutliers(0)
        .effectSize(EffectSizeMeasure.CLES, 0.7, 1.5).build())
        .isInstanceOf(InvalidPolicyException.class)
        .satisfies(e -> assertThat(((InvalidPolicyException) e).violations()).extracting(Object::toString).containsExactly(
            "mann-whitney.tolerance: must be a finite number of at least 0, but was -1.0",
            "mann-whitney.confidenceLevel: must be greater than 0 and lower than 1, but was 1.2",
            "mann-whitney.outliers.factor: must be a finite number greater than 0, but was 0.0",
            "mann-whitney.effectSize.allowedIncrease: must be between 0 and 1 for cles, but was 1.5",
            "mann-whitney.effectSize.allowedDecrease: must be at most 0.5 (no change) for cles, but was 0.7"));
  }

  @Test
  void fromCopiesEveryFieldSoOneChangeKeepsTheRest() {
    MannWhitneyConfig base = MannWhitneyConfig.custom().direction(Direction.INCREASE).mustHaveData(true)
        .effectSize(EffectSizeMeasure.MEAN_RATIO, 0.9, 1.2).criticalEffectSize(0.5, 2).removeOutliers(3).build();
    MannWhitneyConfig changed = MannWhitneyConfig.from(base).tolerance(0.1).build();

    assertThat(changed).isNotEqualTo(base);
    assertThat(MannWhitneyConfig.from(changed).tolerance(0.25).build()).isEqualTo(base).hasSameHashCodeAs(base);
  }

  @Test
  void kayentaNamesParseAndUnknownOnesSayWhatWasExpected() {
    assertThat(Direction.parse("Increase")).isEqualTo(Direction.INCREASE);
    assertThat(NanStrategy.parse("replace")).isEqualTo(NanStrategy.REPLACE);
    assertThat(EffectSizeMeasure.parse("meanRatio")).isEqualTo(EffectSizeMeasure.MEAN_RATIO);
    assertThatThrownBy(() -> Direction.parse("up"))
        .hasMessage("Expected direction 'increase', 'decrease' or 'either' but was 'up'");
  }
}
