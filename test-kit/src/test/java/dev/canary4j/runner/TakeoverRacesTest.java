package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.test.RunnerFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Control methods that race a takeover of a canary whose call ignored the time limit's interrupt. */
class TakeoverRacesTest {

  private final RunnerFixture f = new RunnerFixture();

  @Test
  void aStopThatLandsWhileTheCanaryIsTakenOverStaysStopped() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TakeoverPause pause = TakeoverPause.install();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CanaryRunner runner = hangingAt200Ms(scheduler)
        .metrics(query -> {
          entered.countDown();
          Latches.awaitUninterruptibly(release); // a remote that ignores interrupts
          return MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));
        }).build();
    try {
      String id = runner.register(lookingOften("stopped"));
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
      runner.start(id);
      assertThat(entered.await(20, TimeUnit.SECONDS)).as("a tick is inside the call").isTrue();
      assertThat(pause.began.await(20, TimeUnit.SECONDS)).as("the grace ran out and a takeover began").isTrue();

      // The operator's stop arrives in the middle of the takeover; it must wait for it, then win.
      Thread operator = new Thread(() -> runner.stop(id));
      operator.start();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (operator.getState() != Thread.State.BLOCKED && operator.isAlive() && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      pause.proceed.countDown();
      operator.join(20_000);
      assertThat(operator.isAlive()).as("the stop returned once the takeover ended").isFalse();
      scheduler.submit(() -> { }).get(20, TimeUnit.SECONDS); // the takeover on the scheduler's thread has ended

      assertThat(runner.status(id).scheduled()).as("the canary stopped by the operator is not ticked again").isFalse();
    } finally {
      pause.close();
      release.countDown();
      runner.close();
      scheduler.shutdownNow();
    }
  }

  @Test
  void aRemoteThatKeepsHangingStopsCostingThreadsOnceItsCircuitOpens() throws Exception {
    RemoteCalls calls = new RemoteCalls(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO)
        .withTimeLimit(Duration.ofMillis(50)).withCircuit(50f, 4, Duration.ofMillis(100)), null, Clock.systemUTC(),
        new EventPublisher());
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger held = new AtomicInteger();
    List<Thread> callers = new ArrayList<>();
    try {
      // Callers keep coming, each on a thread of its own, as tick threads replaced at each abandonment do.
      long start = System.nanoTime();
      long until = start + TimeUnit.SECONDS.toNanos(2);
      int heldEarly = -1;
      while (System.nanoTime() < until) {
        if (heldEarly < 0 && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(500)) {
          heldEarly = held.get(); // the circuit opened long before: the calls that got in before it
        }
        Thread caller = new Thread(() -> {
          try {
            calls.call("shop/api", "metric source", "measuring errors", () -> {
              held.incrementAndGet();
              Latches.awaitUninterruptibly(release); // a remote that hangs for good, ignoring interrupts
              return "late";
            });
          } catch (TransientAdapterException e) {
            // abandoned, or rejected by the open circuit
          }
        });
        caller.setDaemon(true);
        caller.start();
        callers.add(caller);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }

      assertThat(held.get()).as("threads held by the hung remote after 2 s: those that got in before the circuit opened,"
          + " not one more per trial call after it").isEqualTo(heldEarly);
    } finally {
      release.countDown();
      for (Thread t : callers) {
        t.join(10_000);
      }
    }
  }

  @Test
  void aTickThatFailsWithAnErrorLeavesTheCanaryTicking() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    CountDownLatch ticked = new CountDownLatch(3);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CanaryRunner runner = CanaryRunner.builder().clock(Clock.systemUTC()).router(f.router()).workloads(f.workloads())
        .store(f.store()).webhookGate(RunnerFixture.failingGate())
        .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO))
        .metrics(query -> {
          if (queries.getAndIncrement() == 0) {
            throw new StackOverflowError("an adapter's parser recursed too deep once");
          }
          return MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));
        })
        .listener(e -> {
          if (e instanceof RunnerEvent.TickCompleted) {
            ticked.countDown();
          }
        })
        .scheduler(new ExecutorScheduler(scheduler)).build();
    try {
      String id = runner.register(lookingOften("erred"));
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
      runner.start(id);

      assertThat(ticked.await(10, TimeUnit.SECONDS)).as("ticks go on after one that failed with an Error, every 100 ms")
          .isTrue();
    } finally {
      runner.close();
      scheduler.shutdownNow();
    }
  }

  @Test
  void aStartThatLandsWhileTheCanaryIsTakenOverTicksTheNewDriver() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hangs = new AtomicBoolean(true);
    TakeoverPause pause = TakeoverPause.install();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService operator = Executors.newFixedThreadPool(2);
    CanaryRunner runner = hangingAt200Ms(scheduler)
        .metrics(query -> {
          if (hangs.get()) {
            entered.countDown();
            Latches.awaitUninterruptibly(release); // a remote that ignores interrupts
          }
          return MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));
        }).build();
    try {
      String id = runner.register(lookingOften("started"));
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
      operator.submit(() -> {
        while (entered.getCount() > 0) { // a host's own ticks, until one is stuck in the call
          try {
            runner.tick(id);
          } catch (RuntimeException e) {
            // not judged, the next one is
          }
        }
      });
      assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
      hangs.set(false);
      assertThat(pause.began.await(20, TimeUnit.SECONDS)).as("the grace ran out and a takeover began").isTrue();

      Thread start = blockedBehindTheTakeover(() -> runner.start(id));
      pause.proceed.countDown();
      start.join(20_000);
      assertThat(start.isAlive()).as("start() returned once the takeover ended").isFalse();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!runner.status(id).scheduled() && System.nanoTime() < until) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }

      assertThat(runner.status(id).scheduled()).as("the canary started by the operator is ticked").isTrue();
    } finally {
      pause.close();
      release.countDown();
      runner.close();
      scheduler.shutdownNow();
      operator.shutdownNow();
    }
  }

  @Test
  void aDeregisterThatLandsWhileTheCanaryIsTakenOverLeavesNoTickChainBehind() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hangs = new AtomicBoolean(true);
    AtomicBoolean deregistered = new AtomicBoolean();
    AtomicInteger ticksAfter = new AtomicInteger();
    TakeoverPause pause = TakeoverPause.install();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService operator = Executors.newSingleThreadExecutor();
    CanaryRunner runner = hangingAt200Ms(scheduler)
        .metrics(query -> {
          if (hangs.get()) {
            entered.countDown();
            Latches.awaitUninterruptibly(release); // a remote that ignores interrupts
          }
          return MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));
        })
        .listener(e -> {
          if (e instanceof RunnerEvent.TickCompleted && deregistered.get()) {
            ticksAfter.incrementAndGet();
          }
        }).build();
    try {
      String id = runner.register(lookingOften("deregistered"));
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
      runner.start(id);
      assertThat(entered.await(20, TimeUnit.SECONDS)).as("a tick is inside the call").isTrue();
      hangs.set(false);
      assertThat(pause.began.await(20, TimeUnit.SECONDS)).as("the grace ran out and a takeover began").isTrue();

      Thread deregister = blockedBehindTheTakeover(() -> runner.deregister(id));
      pause.proceed.countDown();
      deregister.join(20_000);
      assertThat(deregister.isAlive()).as("deregister() returned once the takeover ended").isFalse();
      deregistered.set(true);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (ticksAfter.get() == 0 && System.nanoTime() < until) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }

      assertThat(runner.canaries()).doesNotContain(id);
      assertThat(ticksAfter.get()).as("ticks of the deregistered canary, over ten of its tick intervals").isZero();
    } finally {
      pause.close();
      release.countDown();
      runner.close();
      scheduler.shutdownNow();
      operator.shutdownNow();
    }
  }

  /** A runner on the fixture's adapters and {@code scheduler}, with a 200 ms time limit and no retries. */
  private CanaryRunner.Builder hangingAt200Ms(ScheduledExecutorService scheduler) {
    return CanaryRunner.builder().clock(Clock.systemUTC()).router(f.router()).workloads(f.workloads())
        .store(f.store()).webhookGate(RunnerFixture.failingGate())
        .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO).withTimeLimit(Duration.ofMillis(200)))
        .scheduler(new ExecutorScheduler(scheduler));
  }

  /**
   * Holds a takeover between its steps, at its log message, until {@code proceed} opens; {@code began}
   * opens when one is held. Closing it lets every takeover go on and removes it from the logger.
   */
  private static final class TakeoverPause extends Handler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("dev.canary4j.runner");
    final CountDownLatch began = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);

    static TakeoverPause install() {
      TakeoverPause pause = new TakeoverPause();
      LOG.addHandler(pause);
      return pause;
    }

    @Override
    public void publish(LogRecord r) {
      if (r.getMessage() != null && r.getMessage().contains("takes the canary over")) {
        began.countDown();
        Latches.awaitUninterruptibly(proceed);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      proceed.countDown();
      LOG.removeHandler(this);
    }
  }

  /** Runs {@code op} on a thread of its own and returns once that thread waits for the takeover under way. */
  private static Thread blockedBehindTheTakeover(Runnable op) {
    Thread t = new Thread(op);
    t.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (t.getState() != Thread.State.BLOCKED && t.isAlive() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(t.getState()).as("the operation waits for the takeover").isEqualTo(Thread.State.BLOCKED);
    return t;
  }

  private static CanaryPolicy lookingOften(String name) {
    return CanaryPolicy.builder().target("shop", name).strategy(CanaryStrategy.linear(25, 50))
        .interval(Duration.ofHours(1)).lookInterval(Duration.ofMillis(100))
        .metric(MetricCheck.successRate(99)).metric(MetricCheck.latencyP99(500)).build();
  }
}
