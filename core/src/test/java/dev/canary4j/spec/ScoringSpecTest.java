package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Scoring;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The analysis' {@code score} and the Mann-Whitney judge's {@code groups}, read and checked. */
class ScoringSpecTest {

  private static final String HEAD = """
      target: {namespace: shop, name: podinfo}
      strategy: {canary: {stepWeight: 10, maxWeight: 50}}
      analysis:
      """;

  private static final String METRICS = """
        metrics:
          - name: p50
            query: q
            judge: {type: mann-whitney, groups: [latency]}
          - name: errors
            query: q
            judge: {type: mann-whitney, groups: [errors, slo]}
          - {name: request-success-rate, min: 99}
      """;

  @Test
  void readsTheScoreAndEachMetricsGroups() {
    CanaryPolicy policy = PolicyReader.fromYaml(HEAD + """
          score:
            pass: 90
            marginal: 50
            groupWeights: {latency: 40, errors: 60}
            onMarginal: fail
        """ + METRICS);

    assertThat(policy.analysis().scoring()).isEqualTo(new Scoring(90, 50,
        Map.of("latency", 40.0, "errors", 60.0), NoDataPolicy.FAIL));
    assertThat(((MannWhitneyConfig) policy.analysis().metric("errors").judge()).groups())
        .containsExactly("errors", "slo");
    assertThat(policy.analysis().isScored(policy.analysis().metric("p50"))).isTrue();
    assertThat(policy.analysis().isScored(policy.analysis().metric("request-success-rate"))).isFalse();
  }

  @Test
  void anEmptyScoreTakesTheDefaults() {
    CanaryPolicy policy = PolicyReader.fromYaml(HEAD + "  score: {}\n" + METRICS);

    assertThat(policy.analysis().scoring()).isEqualTo(new Scoring(Scoring.DEFAULT_PASS, Scoring.DEFAULT_MARGINAL,
        Map.of(), NoDataPolicy.INCONCLUSIVE));
  }

  @Test
  void reportsEveryScoringProblemWithItsPath() {
    List<String> found = PolicyReaderTest.violations(HEAD + """
          score:
            pass: 40
            marginal: 50
            groupWeights: {latency: 40, erors: 120, slo: x}
            onMarginal: maybe
            bonus: 1
        """ + METRICS);

    assertThat(found).containsExactlyInAnyOrder(
        "analysis.score.bonus: is not a known field (known: pass, marginal, groupWeights, onMarginal)",
        "analysis.score.groupWeights.slo: must be a number, but was 'x'",
        "analysis.score.onMarginal: must be one of fail, inconclusive, ignore, but was 'maybe'",
        "analysis.score.pass: must be at least marginal (50.0), but was 40.0",
        "analysis.score.groupWeights.erors: must be between 0 and 100, but was 120.0",
        "analysis.score.groupWeights.erors: names no group of a scored metric (groups: errors, latency, slo), but was erors");
  }

  @Test
  void weightsForEveryGroupMustAddUpToOneHundred() {
    assertThat(PolicyReaderTest.violations(HEAD + "  score: {groupWeights: {latency: 40, errors: 30, slo: 20}}\n" + METRICS))
        .containsExactly("analysis.score.groupWeights: must add up to 100 when every group has a weight, but was 90.0");
  }

  @Test
  void aScoreNeedsAScoredMetricAndGroupsNeedAScore() {
    assertThat(PolicyReaderTest.violations(HEAD + "  score: {pass: 90}\n" + """
          metrics:
            - {name: request-success-rate, min: 99}
        """)).containsExactly("analysis.score: needs at least one metric whose judge takes part in a score (mann-whitney)");
    assertThat(PolicyReaderTest.violations(HEAD + METRICS)).containsExactly(
        "analysis.metrics[0].judge.groups: only count in a score, and analysis.score is not set, but was [latency]",
        "analysis.metrics[1].judge.groups: only count in a score, and analysis.score is not set, but was [errors, slo]");
  }

  @Test
  void aScoreThatIsNotAMappingIsReportedOnceWithoutAComplaintAboutTheGroups() {
    assertThat(PolicyReaderTest.violations(HEAD + "  score: 5\n" + METRICS)).containsExactly(
        "analysis.score: must be a mapping of pass, marginal, groupWeights, onMarginal, but was 5");
  }

  @Test
  void theScoresVerdictNameIsReservedAndGroupNamesMustNotBeBlank() {
    List<String> found = PolicyReaderTest.violations(HEAD + "  score: {}\n" + """
          metrics:
            - {name: canary-score, query: q, judge: {type: mann-whitney, groups: [" "]}}
        """);

    assertThat(found).containsExactlyInAnyOrder(
        "analysis.metrics[0].name: is reserved for the score's verdict when analysis.score is set, but was canary-score",
        "analysis.metrics[0].judge.groups: must not contain a blank group name, but was ' '");
  }

  @Test
  void theBuilderTakesGroupsInAnyOrder() {
    assertThat(MannWhitneyConfig.custom().groups(List.of("b", "a")).build())
        .isEqualTo(MannWhitneyConfig.custom().groups(Set.of("a", "b")).build());
  }
}
