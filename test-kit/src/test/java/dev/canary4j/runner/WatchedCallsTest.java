package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Phase;
import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.test.RunnerFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The runner's default calls: on the ticking thread, with the shared watchdog abandoning a call at
 * its time limit, and a call that ignores the watchdog's interrupt holding up nobody but its canary.
 */
class WatchedCallsTest {

  private static final MetricObservation HEALTHY = MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));

  private final RunnerFixture f = new RunnerFixture();

  /** A runner on the fixture's adapters with the default call handling (no call executor). */
  private CanaryRunner.Builder defaultCalls(Duration timeLimit) {
    return CanaryRunner.builder().clock(f.clock()).router(f.router()).metrics(f.metrics()).workloads(f.workloads())
        .store(f.store()).webhookGate(RunnerFixture.failingGate())
        .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO).withTimeLimit(timeLimit));
  }

  private static RemoteCalls watchedCalls(CallPolicy policy) {
    return new RemoteCalls(policy, null, Clock.systemUTC(), new EventPublisher());
  }

  @Test
  void aCallThatHangsIsInterruptedAndAbandonedAtItsTimeLimit() {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch never = new CountDownLatch(1);
    f.metrics().answer("request-success-rate", () -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw new IllegalStateException("interrupted while waiting for the remote", e);
      }
      return HEALTHY;
    });
    CanaryRunner runner = defaultCalls(Duration.ofMillis(200)).build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(RunnerFixture.ID, "v1");
    runner.observeRevision(RunnerFixture.ID, "v2");
    runner.tick(RunnerFixture.ID);

    Verdict verdict = runner.tick(RunnerFixture.ID).verdicts().get(0);

    assertThat(verdict.label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(verdict.reason()).contains("measuring request-success-rate did not finish within PT0.2S");
    assertThat(interrupted).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt is not left behind").isFalse();
  }

  @Test
  void anAttemptAbandonedAtItsLimitIsRetriedWithoutTheWatchdogsInterrupt() {
    RemoteCalls calls = watchedCalls(CallPolicy.ofDefaults().withRetries(2, Duration.ZERO).withTimeLimit(Duration.ofMillis(20)));
    AtomicInteger attempts = new AtomicInteger();

    String answer = calls.call("shop/api", "metric source", "measuring errors", () -> {
      if (attempts.incrementAndGet() == 1) {
        try {
          TimeUnit.SECONDS.sleep(30);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // as careless code does: the runner must clear it
        }
        return "too late";
      }
      return "ok";
    });

    assertThat(answer).isEqualTo("ok");
    assertThat(attempts).hasValue(2);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void noInterruptOfTheWatchdogReachesACallThatItDidNotAbandon() {
    // A short limit, so that the watchdog is busy; on a loaded machine a few calls overrun it and are
    // abandoned, and an interrupt they see is their own. A call that was not abandoned sees none.
    RemoteCalls calls = watchedCalls(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO)
        .withTimeLimit(Duration.ofMillis(5)).withCircuit(100f, 1_000_000, Duration.ofMinutes(1)));
    int stray = 0;
    int completed = 0;

    for (int i = 0; i < 10_000; i++) {
      AtomicBoolean interrupted = new AtomicBoolean();
      try {
        calls.call("shop/api", "router", "observing", () -> {
          interrupted.set(Thread.currentThread().isInterrupted());
          return "ok";
        });
        completed++;
        if (interrupted.get()) {
          stray++;
        }
      } catch (TransientAdapterException abandoned) {
        assertThat(abandoned).hasMessageContaining("did not finish within PT0.005S");
      }
    }

    assertThat(stray).isZero();
    assertThat(completed).isGreaterThan(9_000);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aCallThatNeverReturnsCountsAgainstTheCircuitAtItsLimit() throws Exception {
    RemoteCalls calls = watchedCalls(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO)
        .withTimeLimit(Duration.ofMillis(50)).withCircuit(100f, 1, Duration.ofMinutes(5)));
    CountDownLatch release = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        calls.call("shop/api", "metric source", "measuring errors", () -> {
          Latches.awaitUninterruptibly(release);
          return "late";
        });
      } catch (TransientAdapterException e) {
        // abandoned, as expected
      }
    });
    caller.start();
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (calls.circuitState("metric source") != Circuit.State.OPEN && System.nanoTime() < until) {
        Thread.onSpinWait();
      }

      assertThat(calls.circuitState("metric source")).as("open while the call still hangs").isEqualTo(Circuit.State.OPEN);
      assertThat(caller.isAlive()).isTrue();
    } finally {
      release.countDown();
      caller.join(10_000);
    }
  }

  @Test
  void aCallThatIgnoresTheInterruptHoldsUpOnlyItsOwnCanary() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hangs = new AtomicBoolean(true);
    CanaryRunner.Builder builder = defaultCalls(Duration.ofMillis(200));
    builder.metrics(query -> {
      if (query.target().name().equals("stuck") && hangs.get()) {
        Latches.awaitUninterruptibly(release); // a remote that ignores interrupts, as a blocking socket read does
      }
      return HEALTHY;
    });
    List<RunnerEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch healthyTicks = new CountDownLatch(5);
    AtomicReference<RunnerEvent.Decided> stuckDecided = new AtomicReference<>();
    CountDownLatch stuckDone = new CountDownLatch(1);
    // One scheduler thread: were the stuck call on it, no other canary would tick.
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CanaryRunner runner = builder.clock(Clock.systemUTC()).scheduler(new ExecutorScheduler(scheduler)).listener(e -> {
      events.add(e);
      if (e instanceof RunnerEvent.TickCompleted t && t.canaryId().equals("shop/healthy")) {
        healthyTicks.countDown();
      }
      if (e instanceof RunnerEvent.Decided d && d.canaryId().equals("shop/stuck") && !d.verdicts().isEmpty()) {
        stuckDecided.set(d);
        stuckDone.countDown();
      }
    }).build();
    try {
      for (String name : new String[] {"stuck", "healthy"}) {
        String id = runner.register(lookingOften(name));
        runner.observeRevision(id, "v1");
        runner.observeRevision(id, "v2");
      }
      runner.start("shop/stuck");
      runner.start("shop/healthy");

      assertThat(healthyTicks.await(20, TimeUnit.SECONDS)).as("the other canary ticks on").isTrue();
      assertThat(stuckDone.getCount()).as("the stuck canary's tick waits for its call").isEqualTo(1);

      hangs.set(false);
      release.countDown();
      assertThat(stuckDone.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(stuckDecided.get().verdicts()).extracting(Verdict::label).contains(VerdictLabel.ERROR);
      assertThat(stuckDecided.get().verdicts()).extracting(Verdict::reason)
          .anySatisfy(r -> assertThat(r).contains("did not finish within PT0.2S"));
    } finally {
      release.countDown();
      runner.close();
      scheduler.shutdownNow();
    }
  }

  @Test
  void anAbortReachesACanaryWhoseCallIgnoresTheInterruptAndTheLateCallChangesNothing() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    AtomicBoolean hangs = new AtomicBoolean(true);
    CanaryRunner.Builder builder = defaultCalls(Duration.ofMillis(200));
    builder.metrics(query -> {
      if (hangs.get()) {
        entered.countDown();
        Latches.awaitUninterruptibly(release); // a remote that ignores interrupts, perhaps for good
        returned.countDown();
        return MetricObservation.of(Measurement.of(50.0, 1000), Measurement.of(99.9, 1000));
      }
      return HEALTHY;
    });
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CanaryRunner runner = builder.clock(Clock.systemUTC()).scheduler(new ExecutorScheduler(scheduler)).build();
    ExecutorService operator = Executors.newSingleThreadExecutor();
    try {
      String id = runner.register(lookingOften("stuck"));
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
      runner.start(id);
      assertThat(entered.await(20, TimeUnit.SECONDS)).as("a tick is inside the call").isTrue();

      Future<RunnerEvent.Decided> abort = operator.submit(() -> runner.abort(id, "operator stops the rollout"));
      RunnerEvent.Decided aborted = abort.get(20, TimeUnit.SECONDS);

      assertThat(aborted.state().phase()).isEqualTo(Phase.ABORTED);
      assertThat(f.router().observe(lookingOften("stuck").target()).isAllPrimary())
          .as("traffic is back on the primary while the call still hangs").isTrue();
      assertThat(returned.getCount()).as("the call has not returned").isEqualTo(1);

      hangs.set(false);
      release.countDown();
      assertThat(returned.await(20, TimeUnit.SECONDS)).isTrue();
      runner.stop(id);
      runner.tick(id);

      assertThat(runner.status(id).phase()).as("the late call's tick stored nothing over the abort")
          .isEqualTo(Phase.ABORTED);
      assertThat(f.store().load(id)).hasValueSatisfying(s -> assertThat(s.state().phase()).isEqualTo(Phase.ABORTED));
      assertThat(f.router().applied()).last().satisfies(split -> assertThat(split.isAllPrimary()).isTrue());
    } finally {
      release.countDown();
      runner.close();
      scheduler.shutdownNow();
      operator.shutdownNow();
    }
  }

  @Test
  void slowAdaptersGetMoreTickThreadsSoThatCanariesWaitNotForEachOther() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch overlapped = new CountDownLatch(1);
    CanaryRunner.Builder builder = defaultCalls(Duration.ofSeconds(5));
    builder.metrics(query -> {
      mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      if (mostAtOnce.get() >= 2) {
        overlapped.countDown();
      }
      try {
        TimeUnit.MILLISECONDS.sleep(150); // a slow remote, well within the time limit
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      return HEALTHY;
    });
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CanaryRunner runner = builder.clock(Clock.systemUTC()).scheduler(new ExecutorScheduler(scheduler)).build();
    try {
      for (String name : new String[] {"first", "second", "third"}) {
        String id = runner.register(lookingOften(name));
        runner.observeRevision(id, "v1");
        runner.observeRevision(id, "v2");
        runner.start(id);
      }

      assertThat(overlapped.await(20, TimeUnit.SECONDS)).as("two canaries measured at once").isTrue();
    } finally {
      runner.close();
      scheduler.shutdownNow();
    }
  }

  /** A canary of namespace {@code shop} that looks every 100 ms and steps once an hour. */
  private static CanaryPolicy lookingOften(String name) {
    return CanaryPolicy.builder().target("shop", name).strategy(CanaryStrategy.linear(25, 50))
        .interval(Duration.ofHours(1)).lookInterval(Duration.ofMillis(100))
        .metric(MetricCheck.successRate(99)).metric(MetricCheck.latencyP99(500)).build();
  }
}
