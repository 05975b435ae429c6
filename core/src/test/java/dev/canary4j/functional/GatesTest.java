package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryMachine;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.testing.Driver;
import dev.canary4j.testing.Policies;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatesTest {

  private static GateSpec gate(String name, GateType type, Duration timeout, GateSpec.TimeoutAction onTimeout) {
    return new GateSpec(name, type, null, timeout, onTimeout, null, null);
  }

  @Test
  void confirmRolloutHoldsTheCanaryInWaitingUntilItOpens() {
    CanaryPolicy policy = Policies.flaggerLike().gate(GateSpec.manual("go", GateType.CONFIRM_ROLLOUT)).build();
    Driver d = Driver.started(policy);
    assertThat(d.phase()).isEqualTo(Phase.WAITING);

    d.tick();
    d.tick();
    assertThat(d.phase()).isEqualTo(Phase.WAITING);
    assertThat(d.canaryWeight()).isZero();

    d.gate("go", true).tick();
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void aWaitingGateThatStaysClosedPastItsTimeoutRollsBack() {
    CanaryPolicy policy = Policies.flaggerLike()
        .gate(gate("go", GateType.CONFIRM_ROLLOUT, Duration.ofMinutes(3), GateSpec.TimeoutAction.ROLLBACK)).build();
    Driver d = Driver.started(policy).gate("go", false);

    d.tick();
    d.tick();
    assertThat(d.phase()).isEqualTo(Phase.WAITING);
    d.tick();
    d.tick();

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.events(CanaryEvent.GateAnswered.class)).anyMatch(CanaryEvent.GateAnswered::timedOut);
  }

  @Test
  void aWaitingGateConfiguredToProceedCarriesOnAfterItsTimeout() {
    CanaryPolicy policy = Policies.flaggerLike()
        .gate(gate("go", GateType.CONFIRM_ROLLOUT, Duration.ofMinutes(2), GateSpec.TimeoutAction.PROCEED)).build();
    Driver d = Driver.started(policy);

    d.tick();
    d.tick();
    d.tick();

    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void closedPreRolloutGatesHoldAndCountAsFailedChecks() {
    CanaryPolicy policy = Policies.flaggerLike().gate(GateSpec.manual("load", GateType.PRE_ROLLOUT))
        .limits(new Limits(Limit.rollbackAt(3), null, null, null)).build();
    Driver d = Driver.started(policy).gate("load", false);

    d.tick();
    d.tick();
    assertThat(d.canaryWeight()).isZero();
    assertThat(d.state().counters().failures()).isEqualTo(2);
    d.tick();
    assertThat(d.phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void aClosedRolloutGateFailsTheTicksAnalysis() {
    CanaryPolicy policy = Policies.flaggerLike().gate(GateSpec.manual("smoke", GateType.ROLLOUT)).build();
    Driver d = Driver.started(policy).gate("smoke", true);
    d.tick();
    d.gate("smoke", false).tick();

    assertThat(d.state().counters().failures()).isEqualTo(1);
    assertThat(d.canaryWeight()).isEqualTo(10);
  }

  @Test
  void confirmTrafficIncreaseHoldsTheWeightWhileTheAnalysisGoesOn() {
    CanaryPolicy policy = Policies.flaggerLike().gate(GateSpec.manual("more", GateType.CONFIRM_TRAFFIC_INCREASE)).build();
    Driver d = Driver.started(policy);
    d.tick();

    d.tick();
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(10);
    assertThat(d.events(CanaryEvent.AnalysisJudged.class)).hasSize(2);

    d.gate("more", true).tick();
    assertThat(d.canaryWeight()).isEqualTo(20);
  }

  @Test
  void whileWaitingForConfirmPromotionTheAnalysisKeepsRunningAndCanStillRollBack() {
    CanaryPolicy policy = Policies.flaggerLike().gate(GateSpec.manual("ship", GateType.CONFIRM_PROMOTION))
        .limits(new Limits(Limit.rollbackAt(2), null, null, null)).build();
    Driver d = Driver.started(policy);
    for (int i = 0; i < 5; i++) {
      d.tick();
    }
    d.tick();
    assertThat(d.phase()).isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(CanaryMachine.plan(policy, d.state()).analyse()).isTrue();

    d.tick(VerdictLabel.FAIL_LOW);
    d.tick(VerdictLabel.FAIL_LOW);

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.state().split()).isEqualTo(TrafficSplit.allPrimary());
  }

  @Test
  void confirmPromotionPromotesOnlyWhenItOpensAndTheAnalysisPasses() {
    CanaryPolicy policy = Policies.flaggerLike().gate(GateSpec.manual("ship", GateType.CONFIRM_PROMOTION)).build();
    Driver d = Driver.started(policy);
    for (int i = 0; i < 6; i++) {
      d.tick();
    }
    assertThat(d.phase()).isEqualTo(Phase.WAITING_PROMOTION);

    d.gate("ship", true).tick(VerdictLabel.NO_DATA);
    assertThat(d.phase()).isEqualTo(Phase.WAITING_PROMOTION);
    d.tick(VerdictLabel.PASS);
    assertThat(d.phase()).isEqualTo(Phase.PROMOTING);
  }

  @Test
  void aRollbackGateIsHeardWhileWaitingForConfirmRollout() {
    CanaryPolicy policy = Policies.flaggerLike()
        .gate(GateSpec.manual("go", GateType.CONFIRM_ROLLOUT))
        .gate(GateSpec.manual("stop", GateType.ROLLBACK)).build();
    Driver d = Driver.started(policy);
    assertThat(CanaryMachine.plan(policy, d.state()).gates()).extracting(GateSpec::name).contains("stop");

    d.gate("stop", true).tick();

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void aRollbackGateIsHeardWhilePaused() {
    CanaryPolicy policy = Policies.flaggerLike().gate(GateSpec.manual("stop", GateType.ROLLBACK)).build();
    Driver d = Driver.started(policy);
    d.tick();
    d.send(new dev.canary4j.Input.Manual(dev.canary4j.Command.PAUSE, ""));

    d.gate("stop", true).tick();

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.canaryWeight()).isZero();
  }

  @Test
  void theProgressDeadlineRollsBackARolloutThatStopsMoving() {
    CanaryPolicy policy = Policies.flaggerLike().progressDeadline(Duration.ofMinutes(5))
        .limits(new Limits(null, null, Limit.pauseAt(100), null)).build();
    Driver d = Driver.started(policy);
    d.tick();
    for (int i = 0; i < 5; i++) {
      d.tick(VerdictLabel.NO_DATA);
    }
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    d.tick(VerdictLabel.NO_DATA);

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.events(CanaryEvent.PhaseChanged.class)).last()
        .satisfies(e -> assertThat(e.reason()).contains("progress deadline"));
  }

  @Test
  void theProgressDeadlineDoesNotCutShortAWaitingGate() {
    CanaryPolicy policy = Policies.flaggerLike().progressDeadline(Duration.ofMinutes(5))
        .gate(gate("capacity", GateType.CONFIRM_TRAFFIC_INCREASE, Duration.ofMinutes(15), GateSpec.TimeoutAction.PROCEED))
        .build();
    Driver d = Driver.started(policy).gate("capacity", false);
    d.tick();
    int weight = d.canaryWeight();
    for (int i = 0; i < 10; i++) {
      d.tick(VerdictLabel.PASS);
    }
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.canaryWeight()).isEqualTo(weight);

    for (int i = 0; i < 6; i++) {
      d.tick(VerdictLabel.PASS);
    }

    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.canaryWeight()).isGreaterThan(weight);
    assertThat(d.events(CanaryEvent.GateAnswered.class)).anyMatch(CanaryEvent.GateAnswered::timedOut);
  }

  @Test
  void aGateWaitLeftBehindByFailingAnalysesDoesNotSwitchTheDeadlineOff() {
    CanaryPolicy policy = Policies.flaggerLike().progressDeadline(Duration.ofMinutes(5))
        .limits(new Limits(null, null, Limit.pauseAt(100), null))
        .gate(gate("capacity", GateType.CONFIRM_TRAFFIC_INCREASE, Duration.ofMinutes(15), GateSpec.TimeoutAction.PROCEED))
        .build();
    Driver d = Driver.started(policy).gate("capacity", false);
    d.tick();
    d.tick(VerdictLabel.PASS);
    d.tick(VerdictLabel.PASS);
    int ticks = 0;
    while (d.phase() == Phase.PROGRESSING && ticks < 60) {
      d.tick(VerdictLabel.NO_DATA);
      ticks++;
    }

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    // The gate's own 15 minutes first, then the deadline's 5 counted from the last progress.
    assertThat(ticks).isBetween(15, 17);
    assertThat(d.events(CanaryEvent.PhaseChanged.class)).last()
        .satisfies(e -> assertThat(e.reason()).contains("progress deadline"));
  }
}
