package dev.canary4j.test;

import dev.canary4j.Phase;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.runner.CallPolicy;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.simulation.InMemoryRouter;
import dev.canary4j.simulation.InMemoryWorkloads;
import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.Workloads;
import dev.canary4j.store.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link CanaryRunner} wired to in-memory adapters, a simulated clock, zero retry backoff and the
 * calling thread, for tests of the runner with one adapter of your own swapped in:
 *
 * <pre>{@code
 * RunnerFixture f = new RunnerFixture();
 * CanaryRunner runner = f.builder(new MyRouter(), f.metrics(), f.workloads()).build();
 * runner.register(RunnerFixture.twoSteps().build());
 * runner.observeRevision(RunnerFixture.ID, "v1");
 * runner.observeRevision(RunnerFixture.ID, "v2");
 * f.tickUntilDone(runner, 10);
 * }</pre>
 *
 * The fixture's parts outlive a runner: build a second runner on the same fixture (or on a new
 * fixture over the same {@link StateStore}) to test a restart after a crash. Not thread-safe.
 */
public final class RunnerFixture {

  /** The simulated clock's start: 2026-01-01T00:00:00Z. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** The id of the canary of {@link #twoSteps()}: {@code shop/podinfo}. */
  public static final String ID = "shop/podinfo";

  private final SimulatedClock clock = new SimulatedClock(T0);
  private final InMemoryRouter router = new InMemoryRouter();
  private final InMemoryWorkloads workloads = new InMemoryWorkloads();
  private final StateStore store;
  private final ScriptedMetrics metrics = ScriptedMetrics.healthy();
  private final List<RunnerEvent> events = Collections.synchronizedList(new ArrayList<>());

  /** A fixture that keeps state in memory. */
  public RunnerFixture() {
    this(new InMemoryStateStore());
  }

  /**
   * A fixture that keeps state in {@code store}.
   *
   * @param store where runners built here keep state
   */
  public RunnerFixture(StateStore store) {
    this.store = store;
  }

  /**
   * A policy of two steps, 25 % and 50 %, then promotion, judging success rate (at least 99 %) and
   * p99 latency (at most 500 ms) every minute, for canary {@link #ID}.
   *
   * @return a builder, to change before building
   */
  public static CanaryPolicy.Builder twoSteps() {
    return CanaryPolicy.builder()
        .target("shop", "podinfo")
        .strategy(CanaryStrategy.linear(25, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99))
        .metric(MetricCheck.latencyP99(500));
  }

  /**
   * The default call policy with three retries and no wait between them.
   *
   * @return the call policy runners built here use
   */
  public static CallPolicy fastCalls() {
    return CallPolicy.ofDefaults().withRetries(3, Duration.ZERO);
  }

  /**
   * A webhook gate that fails the test if it is ever called.
   *
   * @return the gate
   */
  public static Gate failingGate() {
    return request -> {
      throw new AssertionError("no webhook gate expected, but " + request.gate().name() + " was called");
    };
  }

  /**
   * A runner builder wired to this fixture's clock, adapters, store and event list.
   *
   * @return the builder, to change before building
   */
  public CanaryRunner.Builder builder() {
    return builder(router, metrics, workloads);
  }

  /**
   * A runner builder wired to the given adapters and this fixture's clock, store and event list.
   *
   * @param router the traffic router
   * @param metrics the metric source
   * @param workloads the workloads
   * @return the builder, to change before building
   */
  public CanaryRunner.Builder builder(TrafficRouter router, MetricSource metrics, Workloads workloads) {
    return CanaryRunner.builder()
        .clock(clock)
        .router(router)
        .metrics(metrics)
        .workloads(workloads)
        .store(store)
        .webhookGate(failingGate())
        .callPolicy(fastCalls())
        .callExecutor(new SameThreadExecutor())
        .listener(events::add);
  }

  /**
   * A runner from {@link #builder()} with {@code policy} registered and revisions {@code v1} (the
   * primary's) and {@code v2} (the canary's) observed.
   *
   * @param policy a policy for canary {@link #ID}
   * @return the runner
   */
  public CanaryRunner started(CanaryPolicy policy) {
    CanaryRunner runner = builder().build();
    runner.register(policy);
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    return runner;
  }

  /**
   * Advances {@code clock} one minute and ticks canary {@link #ID}, until it is terminal or
   * {@code max} ticks ran.
   *
   * @param runner the runner
   * @param clock the runner's clock
   * @param max the most ticks to run
   * @return the number of ticks run
   */
  public static int tickUntilDone(CanaryRunner runner, SimulatedClock clock, int max) {
    int ticks = 0;
    while (ticks < max && !runner.status(ID).phase().isTerminal()) {
      clock.advance(Duration.ofMinutes(1));
      runner.tick(ID);
      ticks++;
    }
    return ticks;
  }

  /**
   * {@link #tickUntilDone(CanaryRunner, SimulatedClock, int)} on this fixture's clock.
   *
   * @param runner the runner
   * @param max the most ticks to run
   * @return the number of ticks run
   */
  public int tickUntilDone(CanaryRunner runner, int max) {
    return tickUntilDone(runner, clock, max);
  }

  /**
   * The phase of canary {@link #ID} in {@code runner}.
   *
   * @param runner the runner
   * @return its phase
   */
  public Phase phase(CanaryRunner runner) {
    return runner.status(ID).phase();
  }

  /**
   * The simulated clock, at {@link #T0} until advanced.
   *
   * @return the clock
   */
  public SimulatedClock clock() {
    return clock;
  }

  /**
   * The in-memory traffic router, which records every call.
   *
   * @return the router
   */
  public InMemoryRouter router() {
    return router;
  }

  /**
   * The in-memory workloads, which record every call.
   *
   * @return the workloads
   */
  public InMemoryWorkloads workloads() {
    return workloads;
  }

  /**
   * The state store.
   *
   * @return the store
   */
  public StateStore store() {
    return store;
  }

  /**
   * The scripted metric source, healthy until told otherwise.
   *
   * @return the metric source
   */
  public ScriptedMetrics metrics() {
    return metrics;
  }

  /**
   * Every event of runners built from {@link #builder()}, in order; the live list, which tests may clear.
   *
   * @return the events
   */
  public List<RunnerEvent> events() {
    return events;
  }
}
