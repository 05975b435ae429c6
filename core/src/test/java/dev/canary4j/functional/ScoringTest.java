package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.AnalysisOutcome;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Scoring;
import dev.canary4j.testing.Driver;
import dev.canary4j.testing.Policies;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A policy with a score: the Mann-Whitney metrics' verdicts combine into one score that decides the tick. */
class ScoringTest {

  private static MetricCheck scored(String name, String group) {
    return MetricCheck.named(name).withQuery("q").withJudge(MannWhitneyConfig.custom().groups(Set.of(group)).build());
  }

  /** Success rate by threshold; p50 and p99 in group latency, errors in group errors; pass 70, fail below 40. */
  private static CanaryPolicy policy(Scoring scoring) {
    return Policies.flaggerLike().metrics(List.of(MetricCheck.successRate(99), scored("p50", "latency"),
        scored("p99", "latency"), scored("errors", "errors"))).score(scoring).build();
  }

  private static final Scoring SCORING = Scoring.of(70, 40).withGroupWeights(Map.of("latency", 50.0, "errors", 50.0));

  private static Verdict verdict(String metric, VerdictLabel label) {
    return verdict(metric, label, false);
  }

  private static Verdict verdict(String metric, VerdictLabel label, boolean critical) {
    return Verdict.of(metric, label, 1.0, 1.0, "t", "scripted " + label, critical);
  }

  private static Driver judged(CanaryPolicy policy, VerdictLabel p50, VerdictLabel p99, VerdictLabel errors) {
    Driver d = Driver.started(policy);
    d.tick();
    d.tick(List.of(verdict(MetricCheck.REQUEST_SUCCESS_RATE, VerdictLabel.PASS), verdict("p50", p50),
        verdict("p99", p99), verdict("errors", errors)));
    return d;
  }

  private static CanaryEvent.AnalysisJudged judgement(Driver d) {
    return d.events(CanaryEvent.AnalysisJudged.class).get(d.events(CanaryEvent.AnalysisJudged.class).size() - 1);
  }

  private static Verdict score(Driver d) {
    return judgement(d).verdicts().stream().filter(v -> v.metric().equals(Scoring.VERDICT_NAME)).findFirst().orElseThrow();
  }

  @Test
  void aScoredMetricThatFailsOnItsOwnDoesNotFailTheTickWhenTheScorePasses() {
    Driver d = judged(policy(SCORING), VerdictLabel.FAIL_HIGH, VerdictLabel.PASS, VerdictLabel.PASS);

    assertThat(judgement(d).outcome()).isEqualTo(AnalysisOutcome.PASS);
    assertThat(d.canaryWeight()).isEqualTo(20);
    assertThat(judgement(d).verdicts()).extracting(Verdict::metric)
        .containsExactly(MetricCheck.REQUEST_SUCCESS_RATE, "p50", "p99", "errors", Scoring.VERDICT_NAME);
    assertThat(score(d).label()).isEqualTo(VerdictLabel.PASS);
    assertThat(score(d).canary()).isEqualTo(75.0);
    assertThat(score(d).statistics()).containsEntry("group.latency", 50.0).containsEntry("group.errors", 100.0);
  }

  @Test
  void aScoreBelowMarginalFailsTheTickAndCountsTowardTheFailureLimit() {
    Driver d = judged(policy(SCORING), VerdictLabel.FAIL_HIGH, VerdictLabel.FAIL_HIGH, VerdictLabel.FAIL_HIGH);

    assertThat(judgement(d).outcome()).isEqualTo(AnalysisOutcome.FAIL);
    assertThat(judgement(d).reason()).contains(Scoring.VERDICT_NAME + " FAIL_LOW: score 0.0 against pass 70");
    assertThat(d.state().counters().failures()).isEqualTo(1);
    assertThat(d.canaryWeight()).isEqualTo(10);
  }

  @Test
  void aMarginalScoreHoldsTheStepOrFailsAsOnMarginalSays() {
    Driver held = judged(policy(SCORING), VerdictLabel.FAIL_HIGH, VerdictLabel.FAIL_HIGH, VerdictLabel.PASS);
    Driver failed = judged(policy(SCORING.withOnMarginal(NoDataPolicy.FAIL)), VerdictLabel.FAIL_HIGH,
        VerdictLabel.FAIL_HIGH, VerdictLabel.PASS);
    Driver ignored = judged(policy(SCORING.withOnMarginal(NoDataPolicy.IGNORE)), VerdictLabel.FAIL_HIGH,
        VerdictLabel.FAIL_HIGH, VerdictLabel.PASS);

    assertThat(score(held).canary()).isEqualTo(50.0);
    assertThat(score(held).reason()).startsWith("marginal: ");
    assertThat(judgement(held).outcome()).isEqualTo(AnalysisOutcome.INCONCLUSIVE);
    assertThat(held.canaryWeight()).isEqualTo(10);
    assertThat(judgement(failed).outcome()).isEqualTo(AnalysisOutcome.FAIL);
    assertThat(judgement(ignored).outcome()).isEqualTo(AnalysisOutcome.PASS);
  }

  @Test
  void aCriticalScoredMetricThatFailsForcesTheScoreToZeroAndRollsBackAtOnce() {
    Driver d = Driver.started(policy(SCORING));
    d.tick();
    d.tick(List.of(verdict(MetricCheck.REQUEST_SUCCESS_RATE, VerdictLabel.PASS), verdict("p50", VerdictLabel.PASS),
        verdict("p99", VerdictLabel.PASS), verdict("errors", VerdictLabel.FAIL_HIGH, true)));

    assertThat(score(d).canary()).isZero();
    assertThat(score(d).critical()).isTrue();
    assertThat(judgement(d).outcome()).isEqualTo(AnalysisOutcome.CRITICAL_FAIL);
    assertThat(d.phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void noDataForMostScoredMetricsForcesTheScoreToZero() {
    Driver d = judged(policy(SCORING), VerdictLabel.NO_DATA, VerdictLabel.NO_DATA, VerdictLabel.PASS);

    assertThat(score(d).canary()).isZero();
    assertThat(score(d).reason()).isEqualTo("2 of 3 metrics had no data");
    assertThat(judgement(d).outcome()).isEqualTo(AnalysisOutcome.FAIL);
  }

  @Test
  void providerErrorsOfScoredMetricsCountAsErrorsAndAScoreWithNothingMeasuredIsAnErrorToo() {
    Driver some = judged(policy(SCORING), VerdictLabel.ERROR, VerdictLabel.PASS, VerdictLabel.PASS);
    Driver all = judged(policy(SCORING), VerdictLabel.ERROR, VerdictLabel.ERROR, VerdictLabel.ERROR);

    assertThat(score(some).label()).isEqualTo(VerdictLabel.PASS);
    assertThat(judgement(some).outcome()).isEqualTo(AnalysisOutcome.ERROR);
    assertThat(some.state().counters().errors()).isEqualTo(1);
    assertThat(score(all).label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(score(all).reason()).isEqualTo("no scored metric could be measured");
    assertThat(judgement(all).outcome()).isEqualTo(AnalysisOutcome.ERROR);
    assertThat(all.state().counters().errors()).isEqualTo(1);
  }

  @Test
  void metricsOutsideTheScoreStillCountOnTheirOwn() {
    Driver d = Driver.started(policy(SCORING));
    d.tick();
    d.tick(List.of(verdict(MetricCheck.REQUEST_SUCCESS_RATE, VerdictLabel.FAIL_LOW), verdict("p50", VerdictLabel.PASS),
        verdict("p99", VerdictLabel.PASS), verdict("errors", VerdictLabel.PASS)));

    assertThat(score(d).label()).isEqualTo(VerdictLabel.PASS);
    assertThat(judgement(d).outcome()).isEqualTo(AnalysisOutcome.FAIL);
  }

  @Test
  void withoutAScoreEachMannWhitneyMetricCountsOnItsOwn() {
    CanaryPolicy unscored = Policies.flaggerLike().metrics(List.of(MetricCheck.successRate(99),
        MetricCheck.named("p50").withQuery("q").withJudge(MannWhitneyConfig.ofDefaults()))).build();
    Driver d = Driver.started(unscored);
    d.tick();
    d.tick(List.of(verdict(MetricCheck.REQUEST_SUCCESS_RATE, VerdictLabel.PASS), verdict("p50", VerdictLabel.FAIL_HIGH)));

    assertThat(judgement(d).outcome()).isEqualTo(AnalysisOutcome.FAIL);
    assertThat(judgement(d).verdicts()).extracting(Verdict::metric).doesNotContain(Scoring.VERDICT_NAME);
  }
}
