package dev.canary4j.judge.mannwhitney;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryScorerTest {

  private static final ScoreThresholds THRESHOLDS = ScoreThresholds.of(95, 75);

  @Test
  void groupsScoreTheirShareOfPassingMetricsAndWeightsCombineThem() {
    CanaryScorer scorer = CanaryScorer.of(THRESHOLDS, Map.of("latency", 60.0));
    CanaryScore s = scorer.score(List.of(
        ScoredMetric.of(result("p50", MannWhitneyLabel.PASS, false), "latency"),
        ScoredMetric.of(result("p99", MannWhitneyLabel.HIGH, false), "latency"),
        ScoredMetric.of(result("errors", MannWhitneyLabel.PASS, false), "errors"),
        ScoredMetric.of(result("cpu", MannWhitneyLabel.NO_DATA, false), "errors")));

    assertThat(s.groupScores()).containsEntry("latency", 50.0).containsEntry("errors", 100.0);
    // 50 x 0.6 + 100 x 0.4
    assertThat(s.score()).isEqualTo(70.0);
    assertThat(s.label()).isEqualTo(ScoreLabel.FAIL);
    assertThat(s.toVerdict("canary-score").label()).isEqualTo(VerdictLabel.FAIL_LOW);
  }

  @Test
  void marginalScoreIsInconclusiveForTheStateMachine() {
    CanaryScore s = CanaryScorer.of(ScoreThresholds.of(90, 50)).score(List.of(
        ScoredMetric.of(result("a", MannWhitneyLabel.PASS, false)),
        ScoredMetric.of(result("b", MannWhitneyLabel.PASS, false)),
        ScoredMetric.of(result("c", MannWhitneyLabel.LOW, false))));
    Verdict v = s.toVerdict("canary-score");

    assertThat(s.label()).isEqualTo(ScoreLabel.MARGINAL);
    assertThat(v.label()).isEqualTo(VerdictLabel.NO_DATA);
    assertThat(v.reason()).startsWith("marginal: score 66.7");
    assertThat(v.statistics()).containsEntry("group.ungrouped", 200.0 / 3);
  }

  @Test
  void aCriticalMetricThatDidNotPassForcesTheScoreToZero() {
    CanaryScore s = CanaryScorer.of(THRESHOLDS).score(List.of(
        ScoredMetric.of(result("a", MannWhitneyLabel.PASS, false)),
        ScoredMetric.of(result("errors", MannWhitneyLabel.HIGH, true))));

    assertThat(s.score()).isZero();
    assertThat(s.label()).isEqualTo(ScoreLabel.FAIL);
    assertThat(s.reason()).isEqualTo("critical metric(s) did not pass: errors (FAIL_HIGH)");
    assertThat(s.toVerdict("score").critical()).isTrue();
  }

  @Test
  void anErrorOfACriticalMetricIsLeftOutInsteadOfForcingZero() {
    CanaryScore s = CanaryScorer.of(THRESHOLDS).score(List.of(
        ScoredMetric.of(result("a", MannWhitneyLabel.PASS, false)),
        ScoredMetric.of(result("errors", MannWhitneyLabel.ERROR, true))));

    assertThat(s.score()).isEqualTo(100.0);
    assertThat(s.label()).isEqualTo(ScoreLabel.PASS);
    assertThat(s.toVerdict("score").critical()).isFalse();
  }

  @Test
  void aMajorityOfMetricsWithoutDataForcesTheScoreToZero() {
    CanaryScore s = CanaryScorer.of(THRESHOLDS).score(List.of(
        ScoredMetric.of(result("a", MannWhitneyLabel.PASS, false)),
        ScoredMetric.of(result("b", MannWhitneyLabel.NO_DATA, false)),
        ScoredMetric.of(result("c", MannWhitneyLabel.NO_DATA, false))));

    assertThat(s.score()).isZero();
    assertThat(s.reason()).isEqualTo("2 of 3 metrics had no data");
  }

  @Test
  void aGroupWithoutDataTakesNoShareOfTheWeightAsInKayentasOwnTest() {
    // Kayenta's ScorerSuite: "Two Groups, one Pass, one Nodata" scores 100.
    CanaryScore s = CanaryScorer.of(THRESHOLDS).score(List.of(
        ScoredMetric.of(result("pass1a", MannWhitneyLabel.PASS, false), "pass"),
        ScoredMetric.of(result("pass1b", MannWhitneyLabel.PASS, false), "pass"),
        ScoredMetric.of(result("nodata", MannWhitneyLabel.NO_DATA, false), "nodata")));

    assertThat(s.score()).isEqualTo(100.0);
    assertThat(s.groupScores()).containsOnlyKeys("pass");
    assertThat(s.label()).isEqualTo(ScoreLabel.PASS);
  }

  @Test
  void exactlyHalfTheMetricsWithoutDataForcesTheScoreToZero() {
    CanaryScore s = CanaryScorer.of(THRESHOLDS).score(List.of(
        ScoredMetric.of(result("a", MannWhitneyLabel.PASS, false), "one"),
        ScoredMetric.of(result("b", MannWhitneyLabel.NO_DATA, false), "two")));

    assertThat(s.score()).isZero();
    assertThat(s.reason()).isEqualTo("1 of 2 metrics had no data");
  }

  @Test
  void errorsAreLeftOutOfTheNoDataMajorityToo() {
    CanaryScore s = CanaryScorer.of(THRESHOLDS).score(List.of(
        ScoredMetric.of(result("a", MannWhitneyLabel.PASS, false)),
        ScoredMetric.of(result("b", MannWhitneyLabel.NO_DATA, false)),
        ScoredMetric.of(result("c", MannWhitneyLabel.NO_DATA, false)),
        ScoredMetric.of(result("d", MannWhitneyLabel.ERROR, false))));

    assertThat(s.score()).isZero();
    assertThat(s.label()).isEqualTo(ScoreLabel.FAIL);
    assertThat(s.reason()).isEqualTo("2 of 3 metrics had no data (1 more could not be measured)");
  }

  @Test
  void noDataFailCountsAsAFailureInItsGroup() {
    CanaryScore s = CanaryScorer.of(THRESHOLDS).score(List.of(
        ScoredMetric.of(result("a", MannWhitneyLabel.PASS, false)),
        ScoredMetric.of(result("b", MannWhitneyLabel.NO_DATA_FAIL, false))));

    assertThat(s.score()).isEqualTo(50.0);
  }

  @Test
  void rejectsWeightsAndThresholdsOutOfRange() {
    assertThatThrownBy(() -> CanaryScorer.of(THRESHOLDS, Map.of("a", 70.0, "b", 40.0)))
        .hasMessage("groupWeights must add up to at most 100, but add up to 110.0");
    assertThatThrownBy(() -> ScoreThresholds.of(50, 75))
        .hasMessage("pass must be between marginal (75.0) and 100, but was 50.0");
  }

  private static MannWhitneyResult result(String metric, MannWhitneyLabel label, boolean critical) {
    return new MannWhitneyResult(metric, label, critical, label.name(), MannWhitneyConfig.ofDefaults(), 1, 1,
        1, 1, null, Double.NaN, Double.NaN);
  }
}
