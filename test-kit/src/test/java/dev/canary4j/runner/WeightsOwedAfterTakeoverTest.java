package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.RoutedSplit;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.test.RunnerFixture;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runner that takes a canary over (a restart, a failover) owes the stored weights: it cannot know
 * that they were applied through the interval before its first tick, since the controller that
 * stored them may have had its write abandoned by a time limit, and that write may land at any time
 * in the interval. Finding the router at the stored weights when it looks proves nothing about the
 * interval, so that first interval is not judged. This is the schedule of the fault campaign's
 * seed 63375: a step's write abandoned, the write landing late, a fresh runner judging the interval.
 */
class WeightsOwedAfterTakeoverTest {

  private static final Target T = Target.of("shop", "podinfo");
  private final RunnerFixture f = new RunnerFixture();
  private final AbandoningRouter abandoning = new AbandoningRouter();

  /**
   * The fixture's router; the first write that gives the canary {@code abandonAt} % is held back, as
   * a call abandoned by its time limit would be, until {@link #land()}, and its retries are abandoned
   * too.
   */
  private final class AbandoningRouter implements TrafficRouter {
    int abandonAt = -1;
    TrafficSplit heldSplit;
    String heldVersion;

    @Override
    public TrafficSplit observe(Target target) {
      return f.router().observe(target);
    }

    @Override
    public RoutedSplit observeRouted(Target target) {
      return f.router().observeRouted(target);
    }

    @Override
    public void apply(Target target, TrafficSplit split) {
      apply(target, split, null);
    }

    @Override
    public String apply(Target target, TrafficSplit split, String expectedVersion) {
      if (split.canary() == abandonAt) {
        if (heldSplit == null) {
          heldSplit = split;
          heldVersion = expectedVersion;
        }
        throw new TransientAdapterException("setting traffic to " + split + " did not finish within PT0.025S");
      }
      return f.router().apply(target, split, expectedVersion);
    }

    /** The abandoned write lands; its version fence still holds, since nobody wrote since. */
    void land() {
      abandonAt = -1;
      f.router().apply(T, heldSplit, heldVersion);
    }
  }

  @BeforeEach
  void aRunnerWhoseStepTo50PercentIsAbandoned() {
    CanaryRunner first = f.builder(abandoning, f.metrics(), f.workloads()).build();
    first.register(RunnerFixture.twoSteps().build());
    first.observeRevision(ID, "v1");
    first.observeRevision(ID, "v2");
    f.clock().advance(Duration.ofMinutes(1));
    first.tick(ID);
    abandoning.abandonAt = 50;
    f.clock().advance(Duration.ofMinutes(1));
    first.tick(ID); // judged at 25 %, passes, stores the step to 50 %, whose write is abandoned

    assertThat(first.status(ID).split()).isEqualTo(TrafficSplit.canary(50));
    assertThat(f.router().observe(T)).as("the write is still in flight").isEqualTo(TrafficSplit.canary(25));
  }

  /** The replacement: a fresh runner on the same store and adapters. */
  private CanaryRunner takeOver() {
    CanaryRunner next = f.builder(abandoning, f.metrics(), f.workloads()).build();
    next.register(RunnerFixture.twoSteps().build());
    return next;
  }

  @Test
  void aFreshRunnerDoesNotJudgeTheIntervalInWhichItsPredecessorsAbandonedWriteLanded() {
    CanaryRunner next = takeOver();
    f.clock().advance(Duration.ofMinutes(1));
    abandoning.land(); // late: the interval ran at 25 % until now
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.canary(50));
    f.events().clear();

    assertThat(catchThrowable(() -> next.tick(ID))).as("the interval ran mostly at 25 %")
        .isInstanceOf(AdapterException.class).hasMessageContaining("not judged");

    assertThat(f.events()).noneMatch(e -> e instanceof RunnerEvent.Decided d && !d.verdicts().isEmpty());
    assertThat(next.status(ID).step()).as("held at the step to 50 %").isEqualTo(1);
    assertThat(next.status(ID).phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.canary(50));
  }

  @Test
  void theIntervalAfterTheOwedWeightsWereSetAgainIsJudged() {
    CanaryRunner next = takeOver();
    f.clock().advance(Duration.ofMinutes(1));
    abandoning.land();
    catchThrowable(() -> next.tick(ID));
    f.events().clear();

    f.clock().advance(Duration.ofMinutes(1));
    next.tick(ID);

    assertThat(f.events()).anyMatch(e -> e instanceof RunnerEvent.Decided d && !d.verdicts().isEmpty());
    assertThat(next.status(ID).phase()).as("judged at 50 %, the last step").isNotEqualTo(Phase.PROGRESSING);
  }

  @Test
  void aFreshRunnerThatFirstHandlesAnInputDoesNotJudgeTheIntervalEither() {
    CanaryRunner next = takeOver();
    f.clock().advance(Duration.ofMinutes(1));
    abandoning.land();
    next.observeRevision(ID, "v2"); // loads, and sets the owed weights again between two ticks
    f.events().clear();

    assertThat(catchThrowable(() -> next.tick(ID))).isInstanceOf(AdapterException.class)
        .hasMessageContaining("not judged");

    assertThat(f.events()).noneMatch(e -> e instanceof RunnerEvent.Decided d && !d.verdicts().isEmpty());
    assertThat(next.status(ID).step()).isEqualTo(1);
  }
}
