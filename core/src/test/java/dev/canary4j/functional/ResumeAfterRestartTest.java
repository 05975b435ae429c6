package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Command;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a host resuming from a stored state performs again: {@link CanaryMachine#resume}. */
class ResumeAfterRestartTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final CanaryPolicy policy = CanaryPolicy.builder().target("shop", "checkout")
      .strategy(CanaryStrategy.linear(25, 50)).interval(Duration.ofMinutes(1))
      .metric(MetricCheck.successRate(99)).build();
  private final Input.Tick passing = Input.Tick.of(List.of(
      Verdict.of(MetricCheck.REQUEST_SUCCESS_RATE, VerdictLabel.PASS, 99.9, null, ">= 99", "ok", false)));
  private Instant now = T0;

  private CanaryState decide(CanaryState s, Input input) {
    now = now.plusSeconds(60);
    return CanaryMachine.decide(policy, s, input, now).state();
  }

  private CanaryState atFirstStep() {
    CanaryState s = decide(CanaryState.initial(), new Input.RevisionObserved("v1"));
    s = decide(s, new Input.RevisionObserved("v2"));
    return decide(s, passing);
  }

  @Test
  void anAnalysisPreparesTheCanaryAgainAndSetsItsWeight() {
    CanaryState s = atFirstStep();

    assertThat(CanaryMachine.resume(s)).containsExactly(new Action.Prepare("v2"), new Action.SetTraffic(TrafficSplit.canary(25)));
  }

  @Test
  void aPausedAnalysisIsResumedAsTheAnalysisItPaused() {
    CanaryState paused = decide(atFirstStep(), new Input.Manual(Command.PAUSE, "ops"));

    assertThat(paused.phase()).isEqualTo(Phase.PAUSED);
    assertThat(CanaryMachine.resume(paused)).containsExactly(new Action.Prepare("v2"),
        new Action.SetTraffic(TrafficSplit.canary(25)));
  }

  @Test
  void aFinishedPromotionIsPromotedAndScaledDownAgain() {
    CanaryState s = atFirstStep();
    while (s.phase() != Phase.SUCCEEDED) {
      s = decide(s, passing);
    }

    assertThat(CanaryMachine.resume(s)).containsExactly(new Action.Promote("v2"),
        new Action.SetTraffic(TrafficSplit.allPrimary()), new Action.Finalise("v2"));
  }

  @Test
  void aRollbackIsRolledBackAgainAndANewCanaryOnlySetsTheWeights() {
    CanaryState aborted = decide(atFirstStep(), new Input.Manual(Command.ABORT, "ops"));

    assertThat(CanaryMachine.resume(aborted)).containsExactly(new Action.SetTraffic(TrafficSplit.allPrimary()),
        new Action.RollBack("v2", "resumed after a restart"));
    assertThat(CanaryMachine.resume(CanaryState.initial())).containsExactly(new Action.SetTraffic(TrafficSplit.allPrimary()));
  }
}
