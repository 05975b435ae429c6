package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.AnalysisOutcome;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.Readiness;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Mirror;
import dev.canary4j.policy.Promotion;
import dev.canary4j.testing.Driver;
import dev.canary4j.testing.Policies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readiness as an input: no weight rises for an unready canary, and promotion waits for the primary. */
class ReadinessTest {

  private static final Readiness STARTING = Readiness.notReady("1 of 3 replicas ready");

  @Test
  void theFirstStepWaitsUntilTheCanaryIsReadyAndSaysWhy() {
    Driver d = Driver.started(Policies.canary()).readiness(STARTING, Readiness.ready());

    d.tick();
    d.tick();

    assertThat(d.canaryWeight()).isZero();
    assertThat(d.state().step()).isEqualTo(-1);
    assertThat(d.events(CanaryEvent.WorkloadNotReady.class)).hasSize(2)
        .allSatisfy(e -> assertThat(e.reason()).contains("canary").contains("1 of 3 replicas ready"));
    d.readiness(Readiness.ready(), Readiness.ready());
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(10);
  }

  @Test
  void aCanaryThatTurnsUnreadyAtAStepIsHeldThereAndNotJudged() {
    Driver d = Driver.started(Policies.canary());
    d.tick();
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(20);
    int judged = d.events(CanaryEvent.AnalysisJudged.class).size();

    d.readiness(Readiness.notReady("readiness probe failed"), Readiness.ready());
    d.tick();
    d.tick();

    assertThat(d.canaryWeight()).isEqualTo(20);
    assertThat(d.events(CanaryEvent.AnalysisJudged.class)).hasSize(judged);
    assertThat(d.state().counters().failures()).isZero();
  }

  @Test
  void noStrategyRaisesTrafficOrMirrorsOrMatchesToAnUnreadyCanary() {
    List<CanaryPolicy> policies = List.of(Policies.canary(), Policies.blueGreen(3), Policies.abTesting(3),
        Policies.flaggerLike().strategy(CanaryStrategy.linear(10, 50).withMirror(new Mirror(50))).build(),
        Policies.flaggerLike().strategy(new BlueGreenStrategy(3, Mirror.all())).build());
    for (CanaryPolicy policy : policies) {
      Driver d = Driver.started(policy).readiness(STARTING, Readiness.ready());

      d.runToEnd(8);

      assertThat(d.allActions()).as(policy.strategy().toString())
          .filteredOn(a -> a instanceof Action.SetTraffic).extracting(a -> ((Action.SetTraffic) a).split())
          .containsOnly(TrafficSplit.allPrimary());
    }
  }

  @Test
  void aCanaryThatWillNeverBeReadyIsRolledBackWithThatReason() {
    Driver d = Driver.started(Policies.canary());
    d.tick();
    d.readiness(Readiness.neverReady("ProgressDeadlineExceeded: ReplicaSet podinfo-7d9 has timed out progressing"),
        Readiness.ready());

    d.tick();

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.canaryWeight()).isZero();
    assertThat(d.events(CanaryEvent.PhaseChanged.class)).last()
        .satisfies(e -> assertThat(e.reason()).contains("never be ready").contains("ProgressDeadlineExceeded"));
  }

  @Test
  void aCanaryThatStaysUnreadyIsRolledBackAtTheDefaultDeadlineOfTenMinutesNamingWhy() {
    Driver d = Driver.started(Policies.canary()).readiness(STARTING, Readiness.ready());
    assertThat(Policies.canary().progressDeadline()).isEqualTo(Duration.ofMinutes(10));

    List<Integer> weights = d.runToEnd(30);

    assertThat(weights).containsOnly(0).hasSize(11);
    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.events(CanaryEvent.PhaseChanged.class)).last().satisfies(e -> assertThat(e.reason())
        .contains("progress deadline PT10M").contains("1 of 3 replicas ready"));
  }

  @Test
  void promotionMovesTrafficToThePrimaryOnlyOnceThePrimaryRunsTheNewRevisionAndIsReady() {
    Driver d = Driver.started(Policies.flaggerLike().promotion(Promotion.progressive(20)).build());
    while (d.phase() != Phase.PROMOTING) {
      d.tick();
    }
    int weight = d.canaryWeight();

    d.readiness(Readiness.ready(), Readiness.notReady("2 of 3 replicas updated"));
    d.tick();
    d.tick();
    assertThat(d.phase()).isEqualTo(Phase.PROMOTING);
    assertThat(d.canaryWeight()).isEqualTo(weight);
    assertThat(d.events(CanaryEvent.WorkloadNotReady.class)).last()
        .satisfies(e -> assertThat(e.workload()).isEqualTo("primary"));

    d.readiness(Readiness.ready(), Readiness.ready());
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(weight - 20);
  }

  @Test
  void anUnreadyCanaryIsNotPromotedByAPassingAnalysis() {
    Driver d = Driver.started(Policies.blueGreen(2));
    d.tick();
    d.readiness(STARTING, Readiness.ready());

    d.tick();
    d.tick();
    d.tick();

    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.events(CanaryEvent.AnalysisJudged.class)).allMatch(e -> e.outcome() == AnalysisOutcome.PASS)
        .hasSizeLessThan(2);
  }
}
