package dev.canary4j.examples;

import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Decision;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.TickPlan;
import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Runs two canaries through the state machine on scripted metrics: a healthy one that is promoted
 * and a bad one whose error rate grows with its traffic and is rolled back.
 */
public final class Demo {

  /** The metrics of one version at a given canary weight: success rate in percent and p99 in ms. */
  record Health(double successRate, double p99Millis, long requests) {}

  private Demo() {}

  public static void main(String[] args) {
    int promoted = run(System.out);
    System.exit(promoted == 1 ? 0 : 1);
  }

  /** Runs both canaries, printing to {@code out}; returns how many were promoted. */
  static int run(PrintStream out) {
    CanaryPolicy policy = CanaryPolicy.builder()
        .target("shop", "checkout")
        .strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99).withMinRequests(50))
        .metric(MetricCheck.latencyP99(500).withMaxIncrease(25.0))
        .limits(new Limits(Limit.rollbackAt(2), null, null, null))
        .build();
    int promoted = 0;
    promoted += runOne(out, policy, "healthy", w -> new Health(99.9 - w * 0.001, 180 + w * 0.2, 20L * w));
    promoted += runOne(out, policy, "bad", w -> new Health(99.9 - w * 0.04, 190 + w * 1.5, 20L * w));
    return promoted;
  }

  private static int runOne(PrintStream out, CanaryPolicy policy, String name, IntFunction<Health> canaryHealth) {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    CanaryState state = CanaryState.initial();
    state = CanaryMachine.decide(policy, state, new Input.RevisionObserved("v1"), now).state();
    state = CanaryMachine.decide(policy, state, new Input.RevisionObserved("v2-" + name), now).state();
    Health primary = new Health(99.92, 175, 2000);
    List<Verdict> deciding = List.of();
    for (int tick = 1; tick <= 30 && state.phase().isActive(); tick++) {
      now = now.plus(policy.analysis().interval());
      TickPlan plan = CanaryMachine.plan(policy, state);
      Health canary = canaryHealth.apply(state.split().canary());
      List<Verdict> verdicts = new ArrayList<>();
      for (MetricCheck m : plan.metrics()) {
        boolean success = m.name().equals(MetricCheck.REQUEST_SUCCESS_RATE);
        verdicts.add(ThresholdJudge.judge(m,
            Measurement.of(success ? canary.successRate() : canary.p99Millis(), canary.requests()),
            Measurement.of(success ? primary.successRate() : primary.p99Millis(), primary.requests())));
      }
      Decision decision = CanaryMachine.decide(policy, state, new Input.Tick(verdicts, java.util.Map.of()), now);
      state = decision.state();
      if (!verdicts.isEmpty()) {
        deciding = verdicts;
      }
      out.printf(Locale.ROOT, "[%s] tick %2d  %-12s primary %3d%% canary %3d%%  success %s  p99 %s%n", name, tick,
          state.phase(), state.split().primary(), state.split().canary(),
          verdicts.isEmpty() ? "    -   " : String.format(Locale.ROOT, "%6.2f%%", canary.successRate()),
          verdicts.isEmpty() ? "   -   " : String.format(Locale.ROOT, "%5.0fms", canary.p99Millis()));
    }
    boolean succeeded = state.phase() == Phase.SUCCEEDED;
    Verdict decisive = deciding.stream().filter(v -> v.label().isFailure()).findFirst()
        .orElse(deciding.isEmpty() ? null : deciding.get(0));
    out.printf(Locale.ROOT, "[%s] %s: %s%n", name, succeeded ? "PROMOTED" : "ROLLED BACK",
        decisive == null ? "no analysis" : decisive.metric() + " " + decisive.label() + " - " + decisive.reason());
    return succeeded ? 1 : 0;
  }
}
