package dev.canary4j.simulation;

import dev.canary4j.GateResult;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.runner.CallPolicy;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.RangeMetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays a policy over recorded metrics: the real runner and machine tick on simulated time from a
 * start instant, one tick interval apart (the analysis' look interval, else its interval), and measure
 * through any {@link MetricSource} (a Prometheus holding the history, for a backtest) at each tick's
 * time. The weights are those the policy sets; the metrics are what was recorded. Every gate is taken
 * as open, since a webhook cannot be asked what it would have answered then. Runs on the calling thread.
 *
 * <p>A {@link RangeMetricSource} is asked once per metric for every tick of the replay before the
 * first tick runs (with Prometheus, a range query per expression instead of an instant query per
 * tick); the runner then judges each tick on the very observation it would have measured then, so the
 * timeline is the same. Any other source is asked once per tick and metric, at the tick's time, and
 * never for ticks after the rollout ended. A metric whose range measurement fails is measured tick by
 * tick, so that the failure shows in the ticks' verdicts as it would have.
 */
public final class Replay {

  /** The message of every gate answer in a replay. */
  public static final String GATE_ASSUMED_OPEN = "taken as open in a replay";

  private Replay() {}

  /**
   * Replays {@code policy} from {@code start} for at most {@code ticks} ticks, stopping once the rollout
   * ended; a new revision is deployed before tick 1, as in a scenario without scripted revisions.
   *
   * @param policy the policy to replay
   * @param name the name of the canary, used in the timeline
   * @param start the time of tick 1
   * @param ticks the most ticks to run; at least 1
   * @param metrics where the recorded metric values come from
   * @return what each tick did
   */
  public static Timeline run(CanaryPolicy policy, String name, Instant start, int ticks, MetricSource metrics) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(metrics, "metrics");
    if (ticks < 1) {
      throw new IllegalArgumentException("ticks must be at least 1, but was " + ticks);
    }
    MetricSource measured = metrics instanceof RangeMetricSource ranged
        ? PrefetchedMetrics.measure(policy, start, ticks, ranged) : metrics;
    SimulatedClock clock = new SimulatedClock(start);
    List<RunnerEvent> seen = new ArrayList<>();
    CanaryRunner runner = CanaryRunner.builder().clock(clock).router(new InMemoryRouter()).metrics(measured)
        .workloads(new InMemoryWorkloads()).webhookGate(request -> GateResult.open(GATE_ASSUMED_OPEN))
        .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO))
        .callExecutor(new SameThreadExecutor()).listener(seen::add).build();
    String id = runner.register(policy);
    runner.observeRevision(id, "v1");
    List<TimelineTick> recorded = new ArrayList<>();
    for (int tick = 1; tick <= ticks; tick++) {
      if (tick > 1) {
        clock.advance(policy.analysis().tickInterval());
      }
      seen.clear();
      if (tick == 1) {
        runner.observeRevision(id, "v2");
      }
      for (GateSpec gate : policy.gates()) {
        if (gate.isManual()) {
          runner.answerGate(id, gate.name(), true, GATE_ASSUMED_OPEN);
        }
      }
      runner.tick(id);
      recorded.add(Simulation.record(tick, clock, runner.status(id), seen));
      if (runner.status(id).phase().isTerminal()) {
        break;
      }
    }
    runner.close();
    return new Timeline(name, 0, recorded);
  }
}
