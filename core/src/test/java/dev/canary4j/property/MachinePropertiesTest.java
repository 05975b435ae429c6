package dev.canary4j.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Decision;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.PhaseTransition;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.spec.StateCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invariants that must hold for every reachable state, over random policies and random inputs (seeded). */
class MachinePropertiesTest {
  private static final int RUNS = 400;
  private static final int STEPS = 150;

  /** Runs every seed and hands each (policy, input, decision, previous state) to {@code check}. */
  static void explore(long baseSeed, Check check) {
    for (int run = 0; run < RUNS; run++) {
      RandomRollouts random = new RandomRollouts(baseSeed + run);
      CanaryPolicy policy = random.policy();
      CanaryState state = CanaryState.initial();
      Instant now = Instant.parse("2026-03-01T00:00:00Z");
      state = CanaryMachine.decide(policy, state, new Input.RevisionObserved("rev0"), now).state();
      for (int i = 0; i < STEPS; i++) {
        now = now.plus(random.step(policy));
        Input input = random.input(policy, state);
        Decision decision = CanaryMachine.decide(policy, state, input, now);
        check.accept(new Context(baseSeed + run, policy, state, input, now, decision));
        state = decision.state();
      }
    }
  }

  record Context(long seed, CanaryPolicy policy, CanaryState before, Input input, Instant at, Decision decision) {
    CanaryState after() {
      return decision.state();
    }
  }

  interface Check extends java.util.function.Consumer<Context> {}

  @Test
  void weightsStayBetweenZeroAndOneHundredAndSumToOneHundred() {
    explore(1_000, c -> {
      var split = c.after().split();
      assertThat(split.primary()).as("seed %d", c.seed()).isBetween(0, 100);
      assertThat(split.canary()).as("seed %d", c.seed()).isBetween(0, 100);
      assertThat(split.primary() + split.canary()).as("seed %d", c.seed()).isEqualTo(100);
      for (Action a : c.decision().actions()) {
        if (a instanceof Action.SetTraffic t) {
          assertThat(t.split().primary() + t.split().canary()).isEqualTo(100);
        }
      }
    });
  }

  @Test
  void theCanaryWeightNeverExceedsTheStrategysMaximumDuringAnalysis() {
    explore(2_000, c -> {
      Phase p = c.after().phase();
      Phase analysisPhase = p == Phase.PAUSED ? c.after().resumePhase() : p;
      if (analysisPhase == null || !analysisPhase.canRollBack()) {
        return;
      }
      int max = c.policy().strategy() instanceof CanaryStrategy s
          ? s.weights().get(s.weights().size() - 1) : 0;
      assertThat(c.after().split().canary()).as("seed %d, phase %s", c.seed(), p).isLessThanOrEqualTo(max);
    });
  }

  @Test
  void neverPromotesByItselfWhenTheLastAnalysisHadAFailingCriticalCheck() {
    explore(3_000, c -> {
      boolean promoted = c.decision().actions().stream().anyMatch(Action.Promote.class::isInstance);
      if (!promoted || c.input() instanceof Input.Manual) {
        return;
      }
      List<Verdict> last = c.after().lastVerdicts();
      for (Verdict v : last) {
        MetricCheck m = c.policy().analysis().metric(v.metric());
        boolean failing = v.label().isFailure()
            || (v.label() == dev.canary4j.judge.VerdictLabel.NO_DATA && m.onNoData() == NoDataPolicy.FAIL);
        assertThat(m.critical() && failing).as("seed %d promoted with critical verdict %s", c.seed(), v).isFalse();
      }
    });
  }

  @Test
  void everyFailedOrAbortedRolloutEndsWithAllTrafficOnThePrimary() {
    explore(4_000, c -> {
      if (c.after().phase() == Phase.FAILED || c.after().phase() == Phase.ABORTED) {
        assertThat(c.after().split().isAllPrimary()).as("seed %d", c.seed()).isTrue();
      }
    });
  }

  @Test
  void everyPhaseChangeIsALegalTransitionAndMatchesTheState() {
    explore(5_000, c -> {
      Phase current = c.before().phase();
      for (CanaryEvent e : c.decision().events()) {
        if (e instanceof CanaryEvent.PhaseChanged changed) {
          assertThat(changed.from()).isEqualTo(current);
          assertThat(PhaseTransition.isLegal(changed.from(), changed.to())).isTrue();
          current = changed.to();
        }
      }
      assertThat(current).as("seed %d", c.seed()).isEqualTo(c.after().phase());
    });
  }

  @Test
  void everyReachableStateRoundTripsThroughJsonUnchanged() {
    explore(7_000, c -> {
      String json = StateCodec.toJson(c.after());
      assertThat(StateCodec.fromJson(json)).as("seed %d: %s", c.seed(), json).isEqualTo(c.after());
    });
  }

  @Test
  void theHistoryNeverGrowsBeyondItsLimit() {
    List<Integer> sizes = new ArrayList<>();
    explore(6_000, c -> sizes.add(c.after().history().size()));
    assertThat(sizes).allMatch(s -> s <= CanaryState.HISTORY_LIMIT);
  }

  @Test
  void theHistoryKeepsTheNewestEntriesOnceFull() {
    var d = dev.canary4j.testing.Driver.started(dev.canary4j.testing.Policies.canary());
    for (int i = 0; i < CanaryState.HISTORY_LIMIT; i++) {
      d.send(new Input.Manual(i % 2 == 0 ? dev.canary4j.Command.PAUSE : dev.canary4j.Command.RESUME, "n" + i));
    }
    assertThat(d.state().history()).hasSize(CanaryState.HISTORY_LIMIT);
    assertThat(d.state().history().get(CanaryState.HISTORY_LIMIT - 1).reason()).contains("n" + (CanaryState.HISTORY_LIMIT - 1));
    assertThat(d.state().history()).noneMatch(h -> h.reason().contains("new revision v2"));
  }

}
