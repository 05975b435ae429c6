package dev.canary4j.runner;

import dev.canary4j.Phase;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
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
import java.util.List;

/** In-memory adapters, a simulated clock and a runner wired to them, with zero retry backoff. */
final class RunnerFixture {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String ID = "shop/podinfo";

  final SimulatedClock clock = new SimulatedClock(T0);
  final InMemoryRouter router = new InMemoryRouter();
  final InMemoryWorkloads workloads = new InMemoryWorkloads();
  final StateStore store;
  final ScriptedMetrics metrics = ScriptedMetrics.healthy();
  final List<RunnerEvent> events = new ArrayList<>();

  RunnerFixture() {
    this(new InMemoryStateStore());
  }

  RunnerFixture(StateStore store) {
    this.store = store;
  }

  /** Two steps, 25 and 50, then promotion; success rate >= 99 and p99 <= 500 ms. */
  static CanaryPolicy.Builder twoSteps() {
    return CanaryPolicy.builder()
        .target("shop", "podinfo")
        .strategy(CanaryStrategy.linear(25, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99))
        .metric(MetricCheck.latencyP99(500));
  }

  static CallPolicy fastCalls() {
    return CallPolicy.ofDefaults().withRetries(3, Duration.ZERO);
  }

  CanaryRunner.Builder builder() {
    return builder(router, metrics, workloads);
  }

  CanaryRunner.Builder builder(TrafficRouter r, MetricSource m, Workloads w) {
    return CanaryRunner.builder()
        .clock(clock)
        .router(r)
        .metrics(m)
        .workloads(w)
        .store(store)
        .webhookGate(failingGate())
        .callPolicy(fastCalls())
        .callExecutor(new SameThreadExecutor())
        .listener(events::add);
  }

  /** A runner with {@code policy} registered and revisions v1 (primary) and v2 (canary) observed. */
  CanaryRunner started(CanaryPolicy policy) {
    CanaryRunner runner = builder().build();
    runner.register(policy);
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    return runner;
  }

  /** Advances the clock one interval and ticks, until the canary is terminal or {@code max} ticks ran. */
  static int tickUntilDone(CanaryRunner runner, SimulatedClock clock, int max) {
    int ticks = 0;
    while (ticks < max && !runner.status(ID).phase().isTerminal()) {
      clock.advance(Duration.ofMinutes(1));
      runner.tick(ID);
      ticks++;
    }
    return ticks;
  }

  int tickUntilDone(CanaryRunner runner, int max) {
    return tickUntilDone(runner, clock, max);
  }

  static Gate failingGate() {
    return request -> {
      throw new AssertionError("no webhook gate expected, but " + request.gate().name() + " was called");
    };
  }

  Phase phase(CanaryRunner runner) {
    return runner.status(ID).phase();
  }
}
