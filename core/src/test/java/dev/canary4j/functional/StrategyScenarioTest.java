package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Mirror;
import dev.canary4j.policy.Promotion;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.testing.Driver;
import dev.canary4j.testing.Policies;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyScenarioTest {

  @Test
  void firstRevisionInitialisesThePrimaryWithoutAnalysis() {
    Driver d = new Driver(Policies.canary());
    var decision = d.send(new dev.canary4j.Input.RevisionObserved("v1"));

    assertThat(d.phase()).isEqualTo(Phase.INITIALIZED);
    assertThat(d.state().primaryRevision()).isEqualTo("v1");
    assertThat(decision.actions()).containsExactly(new Action.SetTraffic(TrafficSplit.allPrimary()));
  }

  @Test
  void canaryStepsByStepWeightUpToMaxWeightThenPromotesAndFinalises() {
    Driver d = Driver.started(Policies.canary());
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);

    List<Integer> weights = d.runToEnd(20);

    // step 10 set on the first tick, each passing analysis moves 10 up, then promote, finalise, succeed
    assertThat(weights).containsExactly(10, 20, 30, 40, 50, 50, 0, 0);
    assertThat(d.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(d.state().primaryRevision()).isEqualTo("v2");
    assertThat(d.allActions()).containsSubsequence(
        new Action.SetTraffic(TrafficSplit.canary(50)),
        new Action.Promote("v2"),
        new Action.SetTraffic(TrafficSplit.allPrimary()),
        new Action.Finalise("v2"),
        new Action.NotifyGates(dev.canary4j.policy.GateType.POST_ROLLOUT));
  }

  @Test
  void lastStepStopsAtMaxWeightInsteadOfOvershootingIt() {
    Driver d = Driver.started(Policies.flaggerLike().strategy(CanaryStrategy.linear(20, 50)).build());

    List<Integer> weights = d.runToEnd(20);

    assertThat(weights).startsWith(20, 40, 50).doesNotContain(60);
    assertThat(weights.stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(50);
  }

  @Test
  void explicitStepWeightsAreFollowedInOrder() {
    Driver d = Driver.started(Policies.flaggerLike().strategy(CanaryStrategy.steps(1, 5, 25, 75)).build());

    assertThat(d.runToEnd(20)).startsWith(1, 5, 25, 75, 75, 0);
    assertThat(d.phase()).isEqualTo(Phase.SUCCEEDED);
  }

  @Test
  void canaryWithMirrorAnalysesMirroredTrafficAtWeightZeroBeforeTheFirstStep() {
    Driver d = Driver.started(Policies.flaggerLike().strategy(CanaryStrategy.linear(25, 50).withMirror(new Mirror(60))).build());

    d.tick();
    assertThat(d.state().split()).isEqualTo(TrafficSplit.allPrimary().withMirror(60));
    d.tick();
    assertThat(d.state().split()).isEqualTo(TrafficSplit.canary(25));
    assertThat(d.state().split().mirror()).isZero();
  }

  @Test
  void blueGreenRunsItsIterationsAtWeightZeroThenSwitchesAllTrafficDuringPromotion() {
    Driver d = Driver.started(Policies.blueGreen(3));

    List<Integer> weights = d.runToEnd(20);

    assertThat(weights).containsExactly(0, 0, 0, 100, 0, 0);
    assertThat(d.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(d.allActions()).containsSubsequence(
        new Action.SetTraffic(TrafficSplit.canary(100)), new Action.Promote("v2"), new Action.SetTraffic(TrafficSplit.allPrimary()));
  }

  @Test
  void blueGreenWithMirrorMirrorsDuringItsIterations() {
    Driver d = Driver.started(Policies.flaggerLike().strategy(new BlueGreenStrategy(2, Mirror.all())).build());

    d.tick();

    assertThat(d.state().split()).isEqualTo(TrafficSplit.allPrimary().withMirror(100));
  }

  @Test
  void abTestingRoutesMatchingRequestsToTheCanaryAndRemovesTheRouteOnPromotion() {
    Driver d = Driver.started(Policies.abTesting(2));

    d.tick();
    assertThat(d.state().split().matches()).containsExactly(RequestMatch.headerExact("x-canary", "insider"));
    assertThat(d.state().split().primary()).isEqualTo(100);

    d.runToEnd(10);
    assertThat(d.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(d.state().split()).isEqualTo(TrafficSplit.allPrimary());
  }

  @Test
  void progressivePromotionReturnsTrafficToThePrimaryStepByStep() {
    Driver d = Driver.started(Policies.flaggerLike().promotion(Promotion.progressive(20)).build());

    List<Integer> weights = d.runToEnd(30);

    assertThat(weights).containsSubsequence(50, 30, 10, 0);
    assertThat(d.phase()).isEqualTo(Phase.SUCCEEDED);
  }

  @Test
  void inconclusiveTicksHoldTheStep() {
    Driver d = Driver.started(Policies.canary());
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(10);

    d.tick(VerdictLabel.NO_DATA);
    d.tick(VerdictLabel.NO_DATA);

    assertThat(d.canaryWeight()).isEqualTo(10);
    assertThat(d.state().counters().inconclusive()).isEqualTo(2);
    assertThat(d.state().counters().failures()).isZero();
  }

  @Test
  void everyMetricIsJudgedAndRecordedEvenAfterOneFails() {
    Driver d = Driver.started(Policies.canary());
    d.tick();

    d.tick(List.of(
        dev.canary4j.judge.Verdict.of("request-success-rate", VerdictLabel.FAIL_LOW, 90.0, 99.9, ">= 99", "too low", false),
        dev.canary4j.judge.Verdict.of("request-duration", VerdictLabel.PASS, 120.0, 110.0, "<= 500", "fine", false)));

    assertThat(d.state().lastVerdicts()).extracting(v -> v.metric() + "=" + v.label())
        .containsExactly("request-success-rate=FAIL_LOW", "request-duration=PASS");
    assertThat(d.state().counters().failures()).isEqualTo(1);
  }
}
