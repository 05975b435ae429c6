package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.Action;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.Target;
import dev.canary4j.simulation.InMemoryWorkloads.Call;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.test.RunnerFixture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CanaryRunnerTest {

  private final RunnerFixture f = new RunnerFixture();

  @Test
  void promotesAHealthyCanaryStepByStepThroughTheSpis() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().build());

    f.tickUntilDone(runner, 20);

    assertThat(f.phase(runner)).isEqualTo(Phase.SUCCEEDED);
    assertThat(f.router().applied()).containsExactly(TrafficSplit.allPrimary(), TrafficSplit.canary(25),
        TrafficSplit.canary(50), TrafficSplit.allPrimary());
    assertThat(f.workloads().calls()).containsExactly(new Call("prepare", ID, "v2"), new Call("promote", ID, "v2"),
        new Call("finalise", ID, "v2"));
  }

  @Test
  void rollsBackWhenTheCanaryFailsItsMetricsUntilTheFailureLimit() {
    f.metrics().set("request-success-rate", 80.0);
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().limits(new Limits(Limit.rollbackAt(3), null, null, null)).build());

    f.tickUntilDone(runner, 20);

    assertThat(f.phase(runner)).isEqualTo(Phase.FAILED);
    assertThat(f.router().observe(Target.of("shop", "podinfo"))).isEqualTo(TrafficSplit.allPrimary());
    assertThat(f.workloads().calls()).containsExactly(new Call("prepare", ID, "v2"), new Call("rollBack", ID, "v2"));
    assertThat(runner.status(ID).lastVerdicts()).extracting(Verdict::label)
        .containsExactly(VerdictLabel.FAIL_LOW, VerdictLabel.PASS);
  }

  @Test
  void statusShowsPhaseWeightsAndTheLastVerdictsWithValuesAndThresholds() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().build());
    runner.tick(ID);
    runner.tick(ID);

    CanaryStatus status = runner.status(ID);

    assertThat(status.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(status.split()).isEqualTo(TrafficSplit.canary(50));
    assertThat(status.lastVerdicts()).hasSize(2);
    Verdict successRate = status.lastVerdicts().get(0);
    assertThat(successRate.metric()).isEqualTo("request-success-rate");
    assertThat(successRate.canary()).isEqualTo(99.9);
    assertThat(successRate.threshold()).isEqualTo(">= 99");
    assertThat(status.pendingActions()).isEmpty();
  }

  @Test
  void pauseHoldsTheWeightsAndResumeContinuesAtTheSameStep() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().build());
    runner.tick(ID);

    runner.pause(ID, "investigating");
    runner.tick(ID);
    runner.tick(ID);
    assertThat(runner.status(ID).phase()).isEqualTo(Phase.PAUSED);
    assertThat(runner.status(ID).split()).isEqualTo(TrafficSplit.canary(25));

    runner.resume(ID, "all clear");
    runner.tick(ID);
    assertThat(runner.status(ID).split()).isEqualTo(TrafficSplit.canary(50));
  }

  @Test
  void abortRollsBackAtOnceThroughTheWorkloads() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().build());
    runner.tick(ID);

    RunnerEvent.Decided decided = runner.abort(ID, "bad deploy");

    assertThat(decided.state().phase()).isEqualTo(Phase.ABORTED);
    assertThat(decided.performed()).isEqualTo(decided.actions().size());
    assertThat(f.router().observe(Target.of("shop", "podinfo"))).isEqualTo(TrafficSplit.allPrimary());
    assertThat(f.workloads().calls()).containsExactly(new Call("prepare", ID, "v2"), new Call("rollBack", ID, "v2"));
  }

  @Test
  void promoteCommandSkipsTheRestOfTheAnalysis() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().build());
    runner.tick(ID);

    runner.promote(ID, "hotfix");
    f.tickUntilDone(runner, 5);

    assertThat(f.phase(runner)).isEqualTo(Phase.SUCCEEDED);
    assertThat(f.workloads().primaryRevision(Target.of("shop", "podinfo"))).contains("v2");
  }

  @Test
  void manualConfirmPromotionGateHoldsUntilAnsweredThroughTheControlApi() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps()
        .gate(GateSpec.manual("release-manager", GateType.CONFIRM_PROMOTION)).build());
    for (int i = 0; i < 5; i++) {
      runner.tick(ID);
    }
    assertThat(f.phase(runner)).isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(f.workloads().calls()).containsExactly(new Call("prepare", ID, "v2"));

    runner.answerGate(ID, "release-manager", true, "approved by alice");
    runner.tick(ID);

    assertThat(f.phase(runner)).isEqualTo(Phase.PROMOTING);
    assertThat(f.workloads().calls()).containsExactly(new Call("prepare", ID, "v2"), new Call("promote", ID, "v2"));
  }

  @Test
  void aManualApprovalHoldsForOneAnalysisNotForTheSameRevisionAnalysedAgain() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps()
        .gate(GateSpec.manual("go", GateType.CONFIRM_ROLLOUT)).build());
    runner.tick(ID);
    assertThat(f.phase(runner)).isEqualTo(Phase.WAITING);
    runner.answerGate(ID, "go", true, "approved by alice");
    runner.tick(ID);
    assertThat(f.phase(runner)).isEqualTo(Phase.PROGRESSING);
    runner.abort(ID, "wrong day");
    assertThat(f.phase(runner)).isEqualTo(Phase.ABORTED);

    runner.resume(ID, "try again");
    runner.tick(ID);
    runner.tick(ID);

    assertThat(f.phase(runner)).isEqualTo(Phase.WAITING);
    runner.answerGate(ID, "go", true, "approved again by alice");
    runner.tick(ID);
    assertThat(f.phase(runner)).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void answeringAnUnknownOrWebhookGateNamesTheProblem() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps()
        .gate(GateSpec.webhook("load-test", GateType.ROLLOUT, java.net.URI.create("http://127.0.0.1:1/x"))).build());

    assertThatThrownBy(() -> runner.answerGate(ID, "nope", true, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no gate named 'nope'")
        .hasMessageContaining("load-test");
    assertThatThrownBy(() -> runner.answerGate(ID, "load-test", true, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a webhook");
    assertThatThrownBy(() -> runner.tick("shop/unknown"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'shop/unknown' is not one");
  }

  @Test
  void aFailedActionIsReportedAndPerformedAgainBeforeTheNextDecision() {
    AtomicInteger failuresLeft = new AtomicInteger(1);
    TrafficRouter flaky = new TrafficRouter() {
      @Override
      public TrafficSplit observe(Target target) {
        return f.router().observe(target);
      }

      @Override
      public void apply(Target target, TrafficSplit split) {
        if (split.canary() == 25 && failuresLeft.getAndDecrement() > 0) {
          throw new PermanentAdapterException("VirtualService podinfo is being edited");
        }
        f.router().apply(target, split);
      }
    };
    CanaryRunner runner = f.builder(flaky, f.metrics(), f.workloads()).build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");

    RunnerEvent.Decided first = runner.tick(ID);

    assertThat(first.performed()).isZero();
    assertThat(runner.status(ID).pendingActions()).containsExactly(new Action.SetTraffic(TrafficSplit.canary(25)));
    assertThat(f.events()).filteredOn(e -> e instanceof RunnerEvent.ActionFailed).singleElement()
        .satisfies(e -> assertThat(((RunnerEvent.ActionFailed) e).reason()).contains("being edited"));

    // The owed weights are applied first; the interval before ran at 0 %, so that tick is not judged.
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> runner.tick(ID))).hasMessageContaining("not judged");
    assertThat(runner.status(ID).pendingActions()).isEmpty();
    runner.tick(ID);

    assertThat(f.router().applied()).containsSubsequence(TrafficSplit.canary(25), TrafficSplit.canary(50));
  }

  @Test
  void aDecisionIsStoredBeforeItsActionsArePerformed() {
    CanaryRunner runner = f.builder().build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    TrafficRouter checking = new TrafficRouter() {
      @Override
      public TrafficSplit observe(Target target) {
        return f.router().observe(target);
      }

      @Override
      public void apply(Target target, TrafficSplit split) {
        assertThat(f.store().load(ID).orElseThrow().state().split()).isEqualTo(split);
        f.router().apply(target, split);
      }
    };
    CanaryRunner checked = f.builder(checking, f.metrics(), f.workloads()).build();
    checked.register(RunnerFixture.twoSteps().build());

    f.tickUntilDone(checked, 10);

    assertThat(f.phase(checked)).isEqualTo(Phase.SUCCEEDED);
    assertThat(runner.canaries()).containsExactly(ID);
  }
}
