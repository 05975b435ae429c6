package dev.canary4j.judge.sequential;

import dev.canary4j.simulation.Draws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Decision;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.TickPlan;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sequential judge's verdicts driving the real state machine, with the evidence carried by the host. */
class SequentialJudgeInTheMachineTest {

  private static final SequentialConfig CONFIG = SequentialConfig.ofDefaults();
  private static final CanaryPolicy POLICY = CanaryPolicy.builder().target("shop", "podinfo")
      .strategy(CanaryStrategy.linear(10, 50)).interval(Duration.ofMinutes(1))
      .metric(MetricCheck.named("errors").withQuery("errors").withCritical(true).withJudge(CONFIG)).build();

  @Test
  void aCanaryWithFourTimesTheErrorsIsRolledBackAtTheFirstFailWithoutWaitingForTheFailureLimit() {
    List<Decision> decisions = rollout(0.02, new SplittableRandom(21));
    Decision last = decisions.get(decisions.size() - 1);

    assertThat(last.actions()).anyMatch(a -> a instanceof Action.RollBack);
    assertThat(last.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(decisions).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void aGoodCanaryIsPromotedWhileTheTestWatches() {
    List<Decision> decisions = rollout(0.005, new SplittableRandom(22));

    assertThat(decisions).flatExtracting(Decision::actions).anyMatch(a -> a instanceof Action.Promote)
        .noneMatch(a -> a instanceof Action.RollBack);
  }

  private static List<Decision> rollout(double canaryErrorRate, SplittableRandom random) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    CanaryState state = CanaryMachine.decide(POLICY, CanaryState.initial(), new Input.RevisionObserved("v1"), now).state();
    state = CanaryMachine.decide(POLICY, state, new Input.RevisionObserved("v2"), now).state();
    SequentialEvidence evidence = SequentialEvidence.none();
    List<Decision> decisions = new ArrayList<>();
    for (int minute = 1; minute <= 20 && state.phase().isActive(); minute++) {
      now = now.plus(Duration.ofMinutes(1));
      TickPlan plan = CanaryMachine.plan(POLICY, state);
      List<Verdict> verdicts = new ArrayList<>();
      long canary = 6000L * state.split().canary() / 100;
      long primary = 6000 - canary;
      for (MetricCheck check : plan.metrics()) {
        SequentialResult r = SequentialJudge.observe(CONFIG, evidence,
            TickCounts.of(canary, Draws.binomial(random, canary, canaryErrorRate)),
            TickCounts.of(primary, Draws.binomial(random, primary, 0.005)));
        evidence = r.evidence();
        verdicts.add(r.toVerdict(check.name(), check.critical()));
      }
      Decision d = CanaryMachine.decide(POLICY, state, Input.Tick.of(verdicts), now);
      decisions.add(d);
      state = d.state();
    }
    return decisions;
  }
}
