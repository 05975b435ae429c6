package dev.canary4j.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyValidationTest {

  private static CanaryPolicy.Builder valid() {
    return CanaryPolicy.builder().target("shop", "podinfo").strategy(CanaryStrategy.linear(10, 50))
        .metric(MetricCheck.successRate(99));
  }

  private static List<String> violations(CanaryPolicy.Builder builder) {
    try {
      builder.build();
    } catch (InvalidPolicyException e) {
      return e.violations().stream().map(Violation::toString).toList();
    }
    throw new AssertionError("expected the policy to be invalid");
  }

  @Test
  void aValidPolicyGetsItsDefaults() {
    CanaryPolicy policy = valid().build();

    assertThat(policy.target().primary()).isEqualTo("podinfo-primary");
    assertThat(policy.target().canary()).isEqualTo("podinfo");
    assertThat(policy.analysis().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.analysis().limits()).isEqualTo(Limits.ofDefaults());
    assertThat(policy.promotion()).isEqualTo(Promotion.allAtOnce());
    assertThat(policy.analysis().metrics().get(0).onNoData()).isEqualTo(NoDataPolicy.INCONCLUSIVE);
  }

  @Test
  void reportsEveryViolationAtOnceWithItsPathRuleAndValue() {
    List<String> found = violations(CanaryPolicy.builder()
        .target(new Target("Shop", "", null, null))
        .strategy(CanaryStrategy.linear(0, 120))
        .metric(MetricCheck.successRate(99))
        .metric(MetricCheck.latencyP99(2).withMin(5.0)));

    assertThat(found).contains(
        "target.namespace: must be a lowercase DNS name ([a-z0-9-], at most 253 characters), but was Shop",
        "target.name: is required",
        "strategy.canary.stepWeight: must be between 1 and 100, but was 0",
        "strategy.canary.maxWeight: must be between 1 and 100, but was 120",
        "analysis.metrics[1].max: must be greater than min (5.0), but was 2.0");
  }

  @Test
  void theExceptionMessageListsEveryProblem() {
    assertThatThrownBy(() -> CanaryPolicy.builder().build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("problems")
        .hasMessageContaining("target: is required")
        .hasMessageContaining("strategy: is required (one of canary, blueGreen, abTesting)");
  }

  @Test
  void explicitStepWeightsMustRiseStrictlyAndNotBeCombinedWithStepWeight() {
    List<String> found = violations(valid().strategy(new CanaryStrategy(10, null, Arrays.asList(5, 5, null, 101), null)));

    assertThat(found).contains(
        "strategy.canary.stepWeights: must not be combined with stepWeight/maxWeight, but was [5, 5, null, 101]",
        "strategy.canary.stepWeights[1]: must be greater than the previous step (5), but was 5",
        "strategy.canary.stepWeights[2]: is required",
        "strategy.canary.stepWeights[3]: must be between 1 and 100, but was 101");
  }

  @Test
  void aQueryTemplateMayOnlyUseKnownVariables() {
    List<String> found = violations(valid().metric(MetricCheck.named("errors")
        .withQuery("sum(rate(errors{ns=\"{{ namespace }}\", x=\"{{ shard }}\"}[{{ interval }}]))").withMax(1.0)));

    assertThat(found).singleElement().asString()
        .startsWith("analysis.metrics[1].query: of metric 'errors' uses the unknown template variable 'shard'"
            + " (known: canary, interval, namespace, primary, target)");
  }

  @Test
  void aPlaceholderIsReadUpToTheNextClosingBracesAsTheMetricSourcesReadIt() {
    List<String> found = violations(valid()
        .metric(MetricCheck.named("spaced").withQuery("x{a=\"{{ my var }}\"}").withMax(1.0))
        .metric(MetricCheck.named("tripled").withQuery("x{a=\"{{{ target }}}\"}").withMax(1.0)));

    assertThat(found).hasSize(2);
    assertThat(found.get(0)).contains("of metric 'spaced' uses the unknown template variable 'my var'");
    assertThat(found.get(1)).contains("of metric 'tripled' uses the unknown template variable '{ target'");
  }

  @Test
  void userVariablesMakeTemplateVariablesKnown() {
    CanaryPolicy policy = valid().metric(MetricCheck.named("errors").withQuery("x{shard=\"{{ shard }}\"}")
        .withMax(1.0).withVariables(Map.of("shard", "a"))).build();

    assertThat(policy.analysis().metric("errors").templateVariablesUsed()).containsExactly("shard");
  }

  @Test
  void aMetricThatIsNotBuiltInNeedsAQueryAndAThreshold() {
    List<String> found = violations(valid().metric(MetricCheck.named("mystery")));

    assertThat(found).containsExactly(
        "analysis.metrics[1].query: is required for a metric that is not built in (request-success-rate, request-duration)",
        "analysis.metrics[1]: must set at least one of min, max, maxIncrease, maxDecrease or a judge");
  }

  @Test
  void metricAndGateNamesMustBeUnique() {
    List<String> found = violations(valid().metric(MetricCheck.successRate(98))
        .gate(GateSpec.manual("a", GateType.CONFIRM_PROMOTION)).gate(GateSpec.manual("a", GateType.ROLLBACK)));

    assertThat(found).containsExactly(
        "analysis.metrics[1].name: must be unique among the metrics, but was request-success-rate",
        "gates[1].name: must be unique among the gates, but was a");
  }

  @Test
  void gatesNeedAnHttpUrlAPositiveTimeoutAndSaneRetries() {
    List<String> found = violations(valid().gate(new GateSpec("hook", GateType.PRE_ROLLOUT, URI.create("ftp://x/"),
        Duration.ZERO, null, 11, null)));

    assertThat(found).containsExactly(
        "gates[0].url: must use the scheme 'http' or 'https', but was ftp://x/",
        "gates[0].timeout: must be greater than 0, but was PT0S",
        "gates[0].retries: must be between 0 and 10, but was 11");
  }

  @Test
  void abTestingNeedsAMatchAndValidRegexes() {
    List<String> found = violations(valid().strategy(new AbTestingStrategy(0,
        List.of(new RequestMatch(RequestMatch.Source.COOKIE, "user", RequestMatch.MatchType.REGEX, "(")))));

    assertThat(found).hasSize(2);
    assertThat(found.get(0)).isEqualTo("strategy.abTesting.iterations: must be at least 1, but was 0");
    assertThat(found.get(1)).startsWith("strategy.abTesting.match[0].value: must be a valid regular expression");
  }

  @Test
  void nullElementsAreReportedByIndexInsteadOfThrowingNullPointerException() {
    List<MetricCheck> metrics = Arrays.asList(MetricCheck.successRate(99), null);
    Map<String, String> variables = new HashMap<>();
    variables.put("x", null);

    List<String> found = violations(valid().metrics(metrics).gate(null));

    assertThat(found).containsExactly("analysis.metrics[1]: is required", "gates[0]: is required");
    assertThat(MetricCheck.named("q").withVariables(variables).variables()).containsEntry("x", null);
  }

  @Test
  void relativeThresholdsMustBeSensiblePercentages() {
    List<String> found = violations(valid().metric(MetricCheck.named("request-duration").withMaxIncrease(-1.0))
        .metric(MetricCheck.named("cpu").withQuery("cpu").withMaxDecrease(150.0)));

    assertThat(found).containsExactly(
        "analysis.metrics[1].maxIncrease: must be finite and not negative, but was -1.0%",
        "analysis.metrics[2].maxDecrease: must be between 0% and 100%, but was 150.0%");
  }

  @Test
  void theProgressDeadlineMustExceedTheInterval() {
    assertThat(violations(valid().progressDeadline(Duration.ofSeconds(30))))
        .containsExactly("progressDeadline: must be longer than the analysis interval (PT1M), but was PT30S");
  }

  @Test
  void maxWeightIsTheLastStepEvenWhenItIsNotAMultipleOfStepWeight() {
    assertThat(CanaryStrategy.linear(20, 50).weights()).containsExactly(20, 40, 50);
    assertThat(CanaryStrategy.linear(10, 30).weights()).containsExactly(10, 20, 30);
    assertThat(CanaryStrategy.linear(100, 100).weights()).containsExactly(100);
  }

  @Test
  void stepsAreCountedAndLookedUpWithoutTheListAsTheListHasThem() {
    for (int step = 1; step <= 100; step++) {
      for (int max = step; max <= 100; max++) {
        List<Integer> expected = new ArrayList<>();
        for (int w = step; w < max; w += step) {
          expected.add(w);
        }
        expected.add(max);
        CanaryStrategy linear = CanaryStrategy.linear(step, max);

        assertThat(linear.stepCount()).as("stepWeight %d, maxWeight %d", step, max).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
          assertThat(linear.weight(i)).as("stepWeight %d, maxWeight %d, step %d", step, max, i).isEqualTo(expected.get(i));
        }
        assertThat(linear.weights()).isEqualTo(expected);
      }
    }
    CanaryStrategy explicit = CanaryStrategy.steps(1, 5, 25);
    assertThat(explicit.stepCount()).isEqualTo(3);
    assertThat(explicit.weight(2)).isEqualTo(25);
    assertThatThrownBy(() -> explicit.weight(3)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("step 3 of a strategy with 3 steps");
  }

  @Test
  void aSequentialMetricMayNotQueryWindowsThatOverlapFromTickToTick() {
    var sequential = dev.canary4j.judge.sequential.SequentialConfig.ofDefaults();
    CanaryPolicy.Builder overlapping = valid()
        .metric(MetricCheck.latencyP99(500).withJudge(sequential).withInterval(Duration.ofMinutes(10)));

    assertThat(violations(overlapping)).containsExactly(
        "analysis.metrics[1].interval: must be the analysis interval (PT1M) or unset for the sequential judge,"
            + " which adds up each tick's window, but was PT10M");
    assertThat(valid().metric(MetricCheck.named("errors").withQuery("q").withMax(1.0).withInterval(Duration.ofMinutes(10)))
        .build().analysis().metrics()).hasSize(2);
    assertThat(valid().metric(MetricCheck.latencyP99(500).withJudge(sequential).withInterval(Duration.ofMinutes(1)))
        .build().analysis().metrics()).hasSize(2);
  }
}
