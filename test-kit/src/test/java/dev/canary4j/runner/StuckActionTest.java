package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.Action;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.Target;
import dev.canary4j.simulation.InMemoryWorkloads;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.Workloads;
import org.junit.jupiter.api.Test;

/** An outstanding action that can never succeed must not hold a canary hostage. */
class StuckActionTest {

  private final RunnerFixture f = new RunnerFixture();

  /** Workloads whose promotion is refused for good, as when the canary changed since its analysis. */
  private final class RefusingPromotion implements Workloads {
    private final InMemoryWorkloads delegate = f.workloads;

    @Override
    public void promote(Target target, String revision) {
      throw new PermanentAdapterException("canary " + target.canary() + " changed since revision " + revision + " was analysed");
    }

    @Override
    public void finalise(Target target, String revision) {
      delegate.finalise(target, revision);
    }

    @Override
    public void rollBack(Target target, String revision) {
      delegate.rollBack(target, revision);
    }
  }

  private CanaryRunner promotingWithAFailedPromotion() {
    CanaryRunner runner = f.builder(f.router, f.metrics, new RefusingPromotion()).build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(RunnerFixture.ID, "v1");
    runner.observeRevision(RunnerFixture.ID, "v2");
    for (int i = 0; i < 3; i++) {
      runner.tick(RunnerFixture.ID);
    }
    assertThat(runner.status(RunnerFixture.ID).phase()).isEqualTo(Phase.PROMOTING);
    assertThat(runner.status(RunnerFixture.ID).pendingActions()).containsExactly(new Action.Promote("v2"));
    return runner;
  }

  @Test
  void ticksStayBlockedWhileThePromotionCannotBePerformed() {
    CanaryRunner runner = promotingWithAFailedPromotion();

    assertThatThrownBy(() -> runner.tick(RunnerFixture.ID)).isInstanceOf(PermanentAdapterException.class);

    assertThat(runner.status(RunnerFixture.ID).phase()).isEqualTo(Phase.PROMOTING);
    assertThat(runner.status(RunnerFixture.ID).pendingActions()).containsExactly(new Action.Promote("v2"));
  }

  @Test
  void aNewRevisionGetsThroughAndSupersedesTheStuckPromotion() {
    CanaryRunner runner = promotingWithAFailedPromotion();

    runner.observeRevision(RunnerFixture.ID, "v3");

    assertThat(runner.status(RunnerFixture.ID).phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(runner.status(RunnerFixture.ID).revision()).isEqualTo("v3");
    assertThat(runner.status(RunnerFixture.ID).pendingActions()).isEmpty();
    assertThat(f.router.observe(Target.of("shop", "podinfo"))).isEqualTo(TrafficSplit.allPrimary());
    runner.tick(RunnerFixture.ID);
    assertThat(runner.status(RunnerFixture.ID).split()).isEqualTo(TrafficSplit.canary(25));
  }

  @Test
  void aCommandThatChangesNothingLeavesTheStuckActionOwed() {
    CanaryRunner runner = promotingWithAFailedPromotion();

    RunnerEvent.Decided refused = runner.abort(RunnerFixture.ID, "ops");

    assertThat(refused.actions()).isEmpty();
    assertThat(runner.status(RunnerFixture.ID).phase()).isEqualTo(Phase.PROMOTING);
    assertThat(runner.status(RunnerFixture.ID).pendingActions()).containsExactly(new Action.Promote("v2"));
  }
}
