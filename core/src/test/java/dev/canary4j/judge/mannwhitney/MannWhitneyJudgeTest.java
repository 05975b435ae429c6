package dev.canary4j.judge.mannwhitney;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.MetricCheck;
import org.junit.jupiter.api.Test;

class MannWhitneyJudgeTest {

  private static final double[] BASELINE = {10, 11, 9, 10.5, 9.5, 10.2, 9.8, 10.1, 9.9, 10.3};
  private static final double[] HIGHER = {20, 21, 19, 20.5, 19.5, 20.2, 19.8, 20.1, 19.9, 20.3};

  @Test
  void highCanaryBecomesFailHighWithItsFiguresInTheStatistics() {
    Verdict v = MannWhitneyJudge.classify("latency", HIGHER, BASELINE, MannWhitneyConfig.ofDefaults()).toVerdict();

    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(v.canary()).isEqualTo(20.03);
    assertThat(v.primary()).isEqualTo(10.03);
    assertThat(v.statistics()).containsKeys("estimate", "lower", "upper", "pValue", "bound", "effectSize", "cles");
    assertThat(v.statistics().get("estimate")).isEqualTo(10.0);
    assertThat(v.statistics().get("cles")).isEqualTo(1.0);
    assertThat(v.threshold()).isEqualTo("either: 98% interval of the shift clear of 0.25 x |estimate|, meanRatio in [1, 1]");
  }

  @Test
  void directionDecidesWhichChangeFails() {
    MannWhitneyConfig decrease = MannWhitneyConfig.custom().direction(Direction.DECREASE).build();

    assertThat(MannWhitneyJudge.classify("m", HIGHER, BASELINE, decrease).label()).isEqualTo(MannWhitneyLabel.PASS);
    assertThat(MannWhitneyJudge.classify("m", BASELINE, HIGHER, decrease).toVerdict().label()).isEqualTo(VerdictLabel.FAIL_LOW);
  }

  @Test
  void missingDataThatMustBeThereFailsInTheJudgedDirectionAndSaysWhy() {
    MannWhitneyConfig mustHave = MannWhitneyConfig.custom().mustHaveData(true).direction(Direction.DECREASE).build();
    MannWhitneyResult r = MannWhitneyJudge.classify("throughput", new double[] {Double.NaN}, BASELINE, mustHave);
    Verdict v = r.toVerdict();

    assertThat(r.label()).isEqualTo(MannWhitneyLabel.NO_DATA_FAIL);
    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_LOW);
    assertThat(v.reason()).isEqualTo("no data for the canary; the metric must have data, so this counts as a failure"
        + " in the judged direction (decrease)");
  }

  @Test
  void missingDataIsNoDataAndInfiniteValuesAreAnError() {
    assertThat(MannWhitneyJudge.classify("m", new double[0], BASELINE, MannWhitneyConfig.ofDefaults()).toVerdict().label())
        .isEqualTo(VerdictLabel.NO_DATA);
    MannWhitneyResult r = MannWhitneyJudge.classify("m", new double[] {1, Double.POSITIVE_INFINITY}, BASELINE,
        MannWhitneyConfig.ofDefaults());
    assertThat(r.toVerdict().label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(r.reason()).contains("the canary has infinite values");
  }

  @Test
  void outlierRemovalDropsValuesFarOutsideTheQuartiles() {
    double[] canary = {10, 11, 9, 10.5, 9.5, 10.2, 9.8, 10.1, 9.9, 1000};
    MannWhitneyConfig removing = MannWhitneyConfig.custom().removeOutliers(3).build();

    MannWhitneyResult r = MannWhitneyJudge.classify("m", canary, BASELINE, removing);

    assertThat(r.canarySize()).isEqualTo(9);
    assertThat(r.canaryMean()).isLessThan(11);
  }

  @Test
  void judgesAMetricCheckFromSamplesAndMarksCriticalChecksCritical() {
    MetricCheck check = MetricCheck.named("latency").withQuery("q").withCritical(true)
        .withJudge(MannWhitneyConfig.ofDefaults());

    Verdict v = MannWhitneyJudge.judge(check, HIGHER, BASELINE);

    assertThat(v.metric()).isEqualTo("latency");
    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(v.critical()).isTrue();
  }

  @Test
  void leavesTheCallersSamplesAsTheyWere() {
    double[] canary = {3, Double.NaN, 1, -0.0, 2};
    double[] baseline = {0.0, 5, 4, Double.NaN};
    MannWhitneyConfig replacing = MannWhitneyConfig.custom().nanStrategy(NanStrategy.REPLACE).build();

    MannWhitneyJudge.classify("m", canary, baseline, MannWhitneyConfig.ofDefaults());
    MannWhitneyJudge.classify("m", canary, baseline, replacing);

    assertThat(canary).containsExactly(3, Double.NaN, 1, -0.0, 2);
    assertThat(baseline).containsExactly(0.0, 5, 4, Double.NaN);
  }

  @Test
  void refusesACheckWithoutAMannWhitneyJudge() {
    assertThatThrownBy(() -> MannWhitneyJudge.judge(MetricCheck.latencyP99(500), HIGHER, BASELINE))
        .hasMessage("Expected metric 'request-duration' to have a mann-whitney judge but was none");
  }
}
