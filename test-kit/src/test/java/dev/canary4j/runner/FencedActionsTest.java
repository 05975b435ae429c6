package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canary4j.test.RunnerFixture;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Side effects fenced by the state they came from: a runner whose state was replaced acts no more, a
 * tick at weights that were not applied is not judged, and a router write abandoned by its time
 * limit cannot land after a later one.
 */
class FencedActionsTest {

  private static final Target T = Target.of("shop", "podinfo");
  private final RunnerFixture f = new RunnerFixture();
  private final AtomicBoolean routerDown = new AtomicBoolean();
  private final AtomicBoolean observeDown = new AtomicBoolean();

  /** The fixture's router, failing writes while {@link #routerDown} and reads while {@link #observeDown} is set. */
  private final TrafficRouter flaky = new TrafficRouter() {
    @Override
    public TrafficSplit observe(Target target) {
      if (observeDown.get()) {
        throw new TransientAdapterException("router unreachable");
      }
      return f.router().observe(target);
    }

    @Override
    public void apply(Target target, TrafficSplit split) {
      if (routerDown.get()) {
        throw new TransientAdapterException("router unreachable");
      }
      f.router().apply(target, split);
    }
  };

  private CanaryRunner onFlakyRouter() {
    CanaryRunner runner = f.builder(flaky, f.metrics(), f.workloads())
        .callPolicy(RunnerFixture.fastCalls().withCircuit(50, 1000, Duration.ofSeconds(30))).build();
    runner.register(RunnerFixture.twoSteps().build());
    return runner;
  }

  @Test
  void aRunnerWhoseLoadedStateWasReplacedDoesNotReapplyItsActions() {
    CanaryRunner first = f.started(RunnerFixture.twoSteps().build());
    f.clock().advance(Duration.ofMinutes(1));
    first.tick(ID);
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.canary(25));
    // A restarted replica loads the state; the router is down, so the weights it implies stay owed.
    CanaryRunner restarted = onFlakyRouter();
    routerDown.set(true);
    assertThat(catchThrowable(() -> restarted.tick(ID))).isInstanceOf(AdapterException.class);
    // Meanwhile the other replica aborts the canary and scales it down.
    first.abort(ID, "bad release");
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.allPrimary());
    routerDown.set(false);

    assertThat(catchThrowable(() -> restarted.tick(ID))).isInstanceOf(StaleStateException.class);

    assertThat(f.router().observe(T)).as("no traffic back to the aborted canary").isEqualTo(TrafficSplit.allPrimary());
    assertThat(f.workloads().canaryRunning(T)).isFalse();
    assertThat(restarted.status(ID).phase()).as("reloaded").isEqualTo(Phase.ABORTED);
  }

  @Test
  void aTickWhoseRouterCannotBeObservedIsNotJudgedAndMovesNothing() {
    CanaryRunner runner = onFlakyRouter();
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    f.clock().advance(Duration.ofMinutes(1));
    runner.tick(ID);
    f.router().apply(T, TrafficSplit.allPrimary()); // changed outside the runner
    observeDown.set(true);
    f.events().clear();

    f.clock().advance(Duration.ofMinutes(1));
    assertThat(catchThrowable(() -> runner.tick(ID))).isInstanceOf(AdapterException.class);

    assertThat(runner.status(ID).step()).isZero();
    assertThat(runner.status(ID).split()).isEqualTo(TrafficSplit.canary(25));
    assertThat(f.events()).noneMatch(e -> e instanceof RunnerEvent.Decided d && !d.verdicts().isEmpty());
  }

  @Test
  void aTickWhoseDriftCorrectionFailedIsNotJudgedAndMovesNothing() {
    CanaryRunner runner = onFlakyRouter();
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    f.clock().advance(Duration.ofMinutes(1));
    runner.tick(ID);
    f.router().apply(T, TrafficSplit.allPrimary()); // changed outside the runner
    routerDown.set(true);
    f.events().clear();

    f.clock().advance(Duration.ofMinutes(1));
    assertThat(catchThrowable(() -> runner.tick(ID))).isInstanceOf(AdapterException.class);

    assertThat(runner.status(ID).step()).isZero();
    assertThat(f.events()).noneMatch(e -> e instanceof RunnerEvent.Decided d && !d.verdicts().isEmpty());
    routerDown.set(false);
    f.clock().advance(Duration.ofMinutes(1));
    assertThat(catchThrowable(() -> runner.tick(ID))).as("corrected, but its interval ran at 0 %")
        .isInstanceOf(AdapterException.class).hasMessageContaining("not judged");
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.canary(25));
    assertThat(runner.status(ID).step()).isZero();
    f.clock().advance(Duration.ofMinutes(1));
    runner.tick(ID);
    assertThat(f.router().observe(T)).as("judged at the corrected weights").isEqualTo(TrafficSplit.canary(50));
  }

  @Test
  void aRouterWriteAbandonedByItsTimeLimitCannotLandAfterTheRollback() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch landed = new CountDownLatch(1);
    AtomicBoolean stalled = new AtomicBoolean();
    TrafficRouter stalling = new TrafficRouter() {
      @Override
      public TrafficSplit observe(Target target) {
        return f.router().observe(target);
      }

      @Override
      public dev.canary4j.spi.RoutedSplit observeRouted(Target target) {
        return f.router().observeRouted(target);
      }

      @Override
      public void apply(Target target, TrafficSplit split) {
        apply(target, split, null);
      }

      @Override
      public String apply(Target target, TrafficSplit split, String expectedVersion) {
        if (split.canary() == 50 && stalled.compareAndSet(false, true)) {
          Latches.awaitUninterruptibly(release); // a call that ignores the interrupt of its time limit
          try {
            return f.router().apply(target, split, expectedVersion);
          } finally {
            landed.countDown();
          }
        }
        return f.router().apply(target, split, expectedVersion);
      }
    };
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      CanaryRunner runner = f.builder(stalling, f.metrics(), f.workloads()).callExecutor(threads)
          .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO).withTimeLimit(Duration.ofMillis(200)))
          .build();
      runner.register(RunnerFixture.twoSteps().build());
      runner.observeRevision(ID, "v1");
      runner.observeRevision(ID, "v2");
      f.clock().advance(Duration.ofMinutes(1));
      runner.tick(ID);
      f.clock().advance(Duration.ofMinutes(1));
      runner.tick(ID); // its step to 50 % is abandoned after 200 ms
      assertThat(stalled).isTrue();

      runner.abort(ID, "bad release");
      assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.allPrimary());
      release.countDown();
      assertThat(landed.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(f.router().observe(T)).as("the abandoned write was refused").isEqualTo(TrafficSplit.allPrimary());
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }
}
