package dev.canary4j.testing;

import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.RequestMatch;
import java.time.Duration;
import java.util.List;

/** Policies used across the tests. */
public final class Policies {
  private Policies() {}

  /** Flagger's defaults: step 10 up to 50, success rate >= 99, p99 <= 500 ms, five failures roll back. */
  public static CanaryPolicy.Builder flaggerLike() {
    return CanaryPolicy.builder()
        .target("shop", "podinfo")
        .strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99))
        .metric(MetricCheck.latencyP99(500));
  }

  public static CanaryPolicy canary() {
    return flaggerLike().build();
  }

  public static CanaryPolicy blueGreen(int iterations) {
    return flaggerLike().strategy(BlueGreenStrategy.of(iterations)).build();
  }

  public static CanaryPolicy abTesting(int iterations) {
    return flaggerLike()
        .strategy(new AbTestingStrategy(iterations, List.of(RequestMatch.headerExact("x-canary", "insider"))))
        .build();
  }
}
