package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.EffectSizeMeasure;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.LimitAction;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Mirror;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Promotion;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.Scoring;
import dev.canary4j.policy.Target;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The documented example policies are fixtures: each must read into exactly the policy it describes. */
class ExamplePoliciesTest {

  private static final Path EXAMPLES = Path.of("../examples/policies");

  @Test
  void everyExamplePolicyReadsIntoThePolicyItDescribes() throws IOException {
    Map<String, CanaryPolicy> expected = expectedPolicies();
    Map<String, CanaryPolicy> read = new TreeMap<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.sorted().toList()) {
        read.put(file.getFileName().toString(), PolicyReader.read(file));
      }
    }

    assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    read.forEach((name, policy) -> assertThat(policy).as(name).isEqualTo(expected.get(name)));
  }

  @Test
  void thereIsAnExampleForEveryStrategy() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<String> strategies = files.map(f -> {
        try {
          return CanaryPolicy.strategyKey(PolicyReader.read(f).strategy());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).distinct().toList();
      assertThat(strategies).contains("canary", "blueGreen", "abTesting");
    }
  }

  private static Map<String, CanaryPolicy> expectedPolicies() {
    SequentialConfig.Builder fastAndSafe = SequentialConfig.custom().alpha(0.005).beta(0.05).allowedDegradation(0)
        .whileUndecided(SequentialConfig.WhileUndecided.HOLD_PROMOTION);
    return Map.of(
        "fast-and-safe.yaml", CanaryPolicy.builder()
            .target("shop", "checkout")
            .strategy(CanaryStrategy.linear(10, 50))
            .interval(Duration.ofMinutes(1))
            .lookInterval(Duration.ofSeconds(10))
            .metric(MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE).withCritical(true)
                .withJudge(fastAndSafe.detect(2).build()))
            .metric(MetricCheck.named(MetricCheck.REQUEST_DURATION).withCritical(true)
                .withJudge(SequentialConfig.custom().alpha(0.005).beta(0.05).allowedDegradation(0).latencyQuantile(0.95)
                    .detectSlowdown(0.15).whileUndecided(SequentialConfig.WhileUndecided.HOLD_PROMOTION).build()))
            .build(),
        "canary.yaml", CanaryPolicy.builder()
            .target("shop", "podinfo")
            .strategy(CanaryStrategy.linear(10, 50))
            .interval(Duration.ofMinutes(1))
            .metric(MetricCheck.successRate(99).withMinRequests(100).withOnNoData(NoDataPolicy.INCONCLUSIVE))
            .metric(MetricCheck.latencyP99(500).withInterval(Duration.ofMinutes(2)))
            .limits(new Limits(Limit.rollbackAt(5), null, Limit.pauseAt(10), null))
            .build(),
        "blue-green.yaml", CanaryPolicy.builder()
            .target(new Target("payments", "checkout", "checkout-blue", "checkout-green"))
            .strategy(new BlueGreenStrategy(10, new Mirror(50)))
            .interval(Duration.ofSeconds(30))
            .metric(MetricCheck.successRate(99.9).withCritical(true))
            .metric(MetricCheck.latencyP99(250).withOnNoData(NoDataPolicy.FAIL))
            .limits(new Limits(Limit.rollbackAt(2), null, null, Limit.pauseAt(3)))
            .gate(new GateSpec("approve-switch", GateType.CONFIRM_PROMOTION, null, Duration.ofHours(2),
                GateSpec.TimeoutAction.ROLLBACK, null, null))
            .progressDeadline(Duration.ofMinutes(30))
            .build(),
        "ab-testing.yaml", CanaryPolicy.builder()
            .target("shop", "frontend")
            .strategy(new AbTestingStrategy(20, List.of(RequestMatch.headerExact("x-canary", "insider"),
                new RequestMatch(RequestMatch.Source.COOKIE, "user", RequestMatch.MatchType.REGEX,
                    "^(.*?;)?(canary=always)(;.*)?$"))))
            .metric(MetricCheck.successRate(99).withMinRequests(20))
            .metric(MetricCheck.latencyP99(800).withOnNoData(NoDataPolicy.IGNORE))
            .limits(new Limits(Limit.rollbackAt(3), Limit.rollbackAt(2), null, null))
            .build(),
        "gates-and-queries.yaml", CanaryPolicy.builder()
            .target("shop", "cart")
            .strategy(CanaryStrategy.steps(1, 5, 10, 25, 50).withMirror(Mirror.all()))
            .metric(MetricCheck.successRate(99).withMinRequests(100))
            .metric(MetricCheck.latencyP99(500).withMaxIncrease(10.0).withCritical(true))
            .metric(MetricCheck.named("error-rate")
                .withQuery("sum(rate(http_errors_total{namespace=\"{{ namespace }}\", job=\"{{ job }}\", "
                    + "pod=~\"{{ canary }}-.*\"}[{{ interval }}]))")
                .withMax(1.0).withMaxDecrease(50.0).withVariables(Map.of("job", "cart-api"))
                .withOnNoData(NoDataPolicy.IGNORE).withMinSamples(3))
            .limits(new Limits(Limit.rollbackAt(5), Limit.rollbackAt(3), Limit.pauseAt(10), Limit.pauseAt(5)))
            .gate(new GateSpec("load-test", GateType.PRE_ROLLOUT, URI.create("http://loadtester.shop/"),
                Duration.ofMinutes(5), null, 2, Map.of("cmd", "hey -z 1m -q 10 -c 2 http://cart-canary.shop/")))
            .gate(new GateSpec("capacity", GateType.CONFIRM_TRAFFIC_INCREASE, URI.create("https://capacity.internal/check"),
                Duration.ofMinutes(15), GateSpec.TimeoutAction.PROCEED, null, null))
            .gate(GateSpec.manual("approve", GateType.CONFIRM_PROMOTION))
            .gate(GateSpec.webhook("notify", GateType.POST_ROLLOUT, URI.create("https://chat.internal/hooks/rollouts")))
            .promotion(Promotion.progressive(20))
            .progressDeadline(Duration.ofMinutes(10))
            .build(),
        "statistical.yaml", CanaryPolicy.builder()
            .target("shop", "checkout")
            .strategy(CanaryStrategy.linear(10, 50))
            .metric(MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE).withCritical(true)
                .withJudge(SequentialConfig.custom().alpha(0.01).allowedDegradation(0.25).build()))
            .metric(MetricCheck.named(MetricCheck.REQUEST_DURATION).withInterval(Duration.ofMinutes(10)).withCritical(true)
                .withJudge(MannWhitneyConfig.custom().direction(Direction.INCREASE).removeOutliers(3)
                    .effectSize(EffectSizeMeasure.MEAN_RATIO, 1.0, 1.1).criticalEffectSize(1.0, 1.5).build()))
            .limits(new Limits(Limit.rollbackAt(2), null, null, null))
            .build(),
        "kayenta-score.yaml", CanaryPolicy.builder()
            .target("shop", "payments")
            .strategy(CanaryStrategy.linear(10, 50))
            .score(Scoring.of(95, 60).withGroupWeights(Map.of("errors", 70.0, "latency", 30.0)))
            .metric(MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE).withInterval(Duration.ofMinutes(10))
                .withJudge(MannWhitneyConfig.custom().groups(Set.of("errors")).direction(Direction.DECREASE)
                    .effectSize(EffectSizeMeasure.MEAN_RATIO, 0.995, 1.0).build()))
            .metric(MetricCheck.named(MetricCheck.REQUEST_DURATION).withInterval(Duration.ofMinutes(10)).withCritical(true)
                .withJudge(MannWhitneyConfig.custom().groups(Set.of("latency")).direction(Direction.INCREASE)
                    .effectSize(EffectSizeMeasure.MEAN_RATIO, 1.0, 1.1).criticalEffectSize(1.0, 1.5).build()))
            .limits(new Limits(Limit.rollbackAt(2), null, new Limit(3, LimitAction.ROLLBACK), null))
            .build());
  }
}
