package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Command;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.Readiness;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.Promotion;
import dev.canary4j.testing.Driver;
import dev.canary4j.testing.Policies;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManualCommandsTest {

  private static final CanaryPolicy POLICY = Policies.flaggerLike()
      .gate(GateSpec.manual("go", GateType.CONFIRM_ROLLOUT))
      .gate(GateSpec.manual("ship", GateType.CONFIRM_PROMOTION))
      .promotion(Promotion.progressive(10))
      .build();

  /** A driver brought to each phase through the machine itself. */
  private static Map<Phase, Supplier<Driver>> reachEveryPhase() {
    Map<Phase, Supplier<Driver>> ways = new EnumMap<>(Phase.class);
    ways.put(Phase.INITIALIZING, () -> new Driver(POLICY));
    ways.put(Phase.INITIALIZED, () -> {
      Driver d = new Driver(POLICY);
      d.send(new Input.RevisionObserved("v1"));
      return d;
    });
    ways.put(Phase.WAITING, () -> Driver.started(POLICY));
    ways.put(Phase.PROGRESSING, () -> {
      Driver d = Driver.started(POLICY).gate("go", true);
      d.tick();
      d.tick();
      return d;
    });
    ways.put(Phase.WAITING_PROMOTION, () -> {
      Driver d = Driver.started(POLICY).gate("go", true);
      d.runToEnd(8);
      return d;
    });
    ways.put(Phase.PROMOTING, () -> {
      Driver d = ways.get(Phase.WAITING_PROMOTION).get().gate("ship", true);
      d.tick();
      return d;
    });
    ways.put(Phase.FINALISING, () -> {
      Driver d = ways.get(Phase.PROMOTING).get();
      while (d.phase() == Phase.PROMOTING) {
        d.tick();
      }
      return d;
    });
    ways.put(Phase.SUCCEEDED, () -> {
      Driver d = ways.get(Phase.FINALISING).get();
      d.tick();
      return d;
    });
    ways.put(Phase.FAILED, () -> {
      Driver d = ways.get(Phase.PROGRESSING).get();
      for (int i = 0; i < 5; i++) {
        d.tick(dev.canary4j.judge.VerdictLabel.FAIL_LOW);
      }
      return d;
    });
    ways.put(Phase.PAUSED, () -> {
      Driver d = ways.get(Phase.PROGRESSING).get();
      d.send(new Input.Manual(Command.PAUSE, "test"));
      return d;
    });
    ways.put(Phase.ABORTED, () -> {
      Driver d = ways.get(Phase.PROGRESSING).get();
      d.send(new Input.Manual(Command.ABORT, "test"));
      return d;
    });
    return ways;
  }

  @ParameterizedTest
  @EnumSource(Command.class)
  void everyCommandIsAnsweredInEveryPhaseWithALegalOutcome(Command command) {
    Map<Phase, Supplier<Driver>> ways = reachEveryPhase();
    assertThat(ways.keySet()).containsExactlyInAnyOrder(Phase.values());
    for (Phase phase : Phase.values()) {
      Driver d = ways.get(phase).get();
      assertThat(d.phase()).as("setup for %s", phase).isEqualTo(phase);

      var decision = d.send(new Input.Manual(command, "ops"));

      assertThat(decision.events()).filteredOn(CanaryEvent.CommandHandled.class::isInstance)
          .as("%s in %s", command, phase).hasSize(1);
      CanaryEvent.CommandHandled handled = decision.events().stream()
          .filter(CanaryEvent.CommandHandled.class::isInstance).map(CanaryEvent.CommandHandled.class::cast)
          .findFirst().orElseThrow();
      assertThat(handled.reason()).as("%s in %s", command, phase).isNotBlank();
      if (!handled.applied()) {
        assertThat(d.state().phase()).as("refused %s in %s leaves the phase", command, phase).isEqualTo(phase);
      }
    }
  }

  @Test
  void abortWorksWhileWaitingForConfirmRolloutUnlikeFlaggersRollbackHook() {
    Driver d = Driver.started(POLICY);

    d.send(new Input.Manual(Command.ABORT, "ops"));

    assertThat(d.phase()).isEqualTo(Phase.ABORTED);
    assertThat(d.state().split()).isEqualTo(TrafficSplit.allPrimary());
  }

  @Test
  void abortDuringAnalysisRollsBackAllTrafficToThePrimary() {
    Driver d = reachEveryPhase().get(Phase.PROGRESSING).get();
    assertThat(d.canaryWeight()).isEqualTo(10);

    d.send(new Input.Manual(Command.ABORT, "ops"));

    assertThat(d.phase()).isEqualTo(Phase.ABORTED);
    assertThat(d.canaryWeight()).isZero();
  }

  @Test
  void abortIsRefusedOnceThePrimaryRunsTheNewRevision() {
    Driver d = reachEveryPhase().get(Phase.PROMOTING).get();

    var decision = d.send(new Input.Manual(Command.ABORT, "ops"));

    assertThat(d.phase()).isEqualTo(Phase.PROMOTING);
    assertThat(decision.events()).singleElement().satisfies(e ->
        assertThat(e.reason()).contains("too late to abort"));
  }

  @Test
  void promoteSkipsTheRestOfTheAnalysis() {
    Driver d = reachEveryPhase().get(Phase.PROGRESSING).get();

    d.send(new Input.Manual(Command.PROMOTE, "ops"));

    assertThat(d.phase()).isEqualTo(Phase.PROMOTING);
    assertThat(d.last().actions()).contains(new dev.canary4j.Action.Promote("v2"));
  }

  @Test
  void promotingABlueGreenCanaryAfterItsRollbackPreparesItAndSwitchesOnlyOnceItIsReady() {
    Driver d = Driver.started(Policies.flaggerLike().strategy(BlueGreenStrategy.of(3))
        .limits(new Limits(Limit.rollbackAt(1), null, null, null)).build());
    d.tick();
    d.tick(VerdictLabel.FAIL_LOW);
    assertThat(d.phase()).isEqualTo(Phase.FAILED);

    List<Action> actions = d.send(new Input.Manual(Command.PROMOTE, "ops")).actions();

    assertThat(actions).containsSubsequence(new Action.Prepare("v2"), new Action.Promote("v2"));
    assertThat(actions).noneMatch(a -> a instanceof Action.SetTraffic);
    d.readiness(Readiness.notReady("0 of 2 replicas ready"), Readiness.notReady("rolling out v2"));
    d.tick();
    assertThat(d.canaryWeight()).isZero();
    d.readiness(Readiness.ready(), Readiness.notReady("rolling out v2"));
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(100);
    d.readiness(Readiness.ready(), Readiness.ready());
    d.tick();
    assertThat(d.phase()).isEqualTo(Phase.FINALISING);
    assertThat(d.canaryWeight()).isZero();
  }

  @Test
  void pauseHoldsTheWeightsAndResumeContinuesAtTheSameStep() {
    Driver d = reachEveryPhase().get(Phase.PROGRESSING).get();
    int weight = d.canaryWeight();
    d.send(new Input.Manual(Command.PAUSE, "ops"));

    d.tick();
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(weight);
    assertThat(d.phase()).isEqualTo(Phase.PAUSED);

    d.send(new Input.Manual(Command.RESUME, "ops"));
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(weight + 10);
  }

  @Test
  void resumeOnAFailedRolloutAnalysesTheSameRevisionAgainFromTheStart() {
    Driver d = reachEveryPhase().get(Phase.FAILED).get();

    d.send(new Input.Manual(Command.RESUME, "retry"));

    assertThat(d.phase()).isEqualTo(Phase.WAITING);
    assertThat(d.state().revision()).isEqualTo("v2");
    assertThat(d.state().counters().failures()).isZero();
  }
}
