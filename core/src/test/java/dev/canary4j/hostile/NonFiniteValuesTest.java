package dev.canary4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.mannwhitney.MannWhitneyJudge;
import dev.canary4j.judge.mannwhitney.MannWhitneyLabel;
import dev.canary4j.policy.MetricCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NaN, +Inf and -Inf, as a query dividing by zero returns them, are never judged a pass. */
class NonFiniteValuesTest {

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aNonFiniteCanaryValuePassesNoAbsoluteBound(double value) {
    for (MetricCheck check : new MetricCheck[] {MetricCheck.successRate(99), MetricCheck.latencyP99(500),
        MetricCheck.named("m").withQuery("q").withMin(1.0).withMax(5.0)}) {
      Verdict verdict = ThresholdJudge.judge(check, Measurement.of(value, 1000), Measurement.of(1, 1000));

      assertThat(verdict.label()).as(check.name() + " with " + value).isEqualTo(VerdictLabel.NO_DATA);
      assertThat(verdict.reason()).contains("not a finite number");
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aNonFiniteValuePassesNoRelativeBound(double value) {
    MetricCheck increase = MetricCheck.latencyP99(500).withMax(null).withMaxIncrease(10.0);
    MetricCheck decrease = MetricCheck.successRate(99).withMin(null).withMaxDecrease(1.0);

    for (MetricCheck check : new MetricCheck[] {increase, decrease}) {
      assertThat(ThresholdJudge.judge(check, Measurement.of(value, 1000), Measurement.of(100, 1000)).label())
          .as("canary " + value).isEqualTo(VerdictLabel.NO_DATA);
      assertThat(ThresholdJudge.judge(check, Measurement.of(100, 1000), Measurement.of(value, 1000)).label())
          .as("primary " + value).isEqualTo(VerdictLabel.NO_DATA);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void theRankTestCallsAnInfiniteValueAnError(double value) {
    MannWhitneyConfig config = MannWhitneyConfig.ofDefaults();

    assertThat(MannWhitneyJudge.classify("m", new double[] {1, 2, value, 3}, new double[] {1, 2, 3, 4}, config).label())
        .isEqualTo(MannWhitneyLabel.ERROR);
  }
}
