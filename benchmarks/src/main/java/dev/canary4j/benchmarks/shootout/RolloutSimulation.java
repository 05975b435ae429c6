package dev.canary4j.benchmarks.shootout;

import dev.canary4j.Action;
import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Decision;
import dev.canary4j.Input;
import dev.canary4j.TickPlan;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives one rollout through the real {@link CanaryMachine}, one tick per look (the analysis interval,
 * or the look interval when the contestant's policy sets one), until it promotes or rolls back. Traffic is drawn in 10-second windows and
 * depends only on (seed, window, canary weight), so every policy sees the same requests for as long
 * as it follows the same weights, whatever its interval.
 */
final class RolloutSimulation {

  static final int MAX_MINUTES = 120;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** How a rollout ended. */
  enum Ending { PROMOTED, ROLLED_BACK, UNDECIDED }

  /**
   * @param ending how it ended
   * @param minutes minutes from the new revision to the promote or rollback action
   * @param canaryRequests canary requests served until then
   * @param canaryErrors failed canary requests served until then
   */
  record Outcome(Ending ending, double minutes, long canaryRequests, long canaryErrors) {}

  private RolloutSimulation() {}

  static Outcome run(Contestant contestant, TrafficModel model, Scenario scenario, long seed) {
    CanaryPolicy policy = contestant.policy();
    Duration interval = policy.analysis().tickInterval();
    int windowsPerTick = (int) (interval.toMillis() / TrafficModel.WINDOW.toMillis());
    if (windowsPerTick < 1 || interval.toMillis() % TrafficModel.WINDOW.toMillis() != 0) {
      throw new IllegalArgumentException("interval must be a multiple of " + TrafficModel.WINDOW + ", but was " + interval);
    }
    Instant now = T0;
    CanaryState state = CanaryMachine.decide(policy, CanaryState.initial(), new Input.RevisionObserved("v1"), now).state();
    state = CanaryMachine.decide(policy, state, new Input.RevisionObserved("v2"), now).state();
    Contestant.Judging judging = contestant.start();
    long requests = 0;
    long errors = 0;
    int maxWindows = MAX_MINUTES * TrafficModel.WINDOWS_PER_MINUTE;
    for (int window = windowsPerTick; window <= maxWindows; window += windowsPerTick) {
      now = now.plus(interval);
      int weight = state.split().canary();
      TrafficModel.Interval traffic = draw(model, scenario, seed, window, windowsPerTick, weight);
      requests += traffic.canaryRequests();
      errors += traffic.canaryErrors();
      TickPlan plan = CanaryMachine.plan(policy, state);
      List<Verdict> verdicts = plan.analyse() ? judging.judge(plan.metrics(), traffic) : List.of();
      Decision decision = CanaryMachine.decide(policy, state, Input.Tick.of(verdicts), now);
      state = decision.state();
      for (Action action : decision.actions()) {
        if (action instanceof Action.RollBack) {
          // A scheduler that acts on a reached limit only at its next run leaves the canary serving meanwhile.
          int end = window;
          for (int late = 0; late < contestant.lateRollbackIntervals(); late++) {
            end += windowsPerTick;
            TrafficModel.Interval more = draw(model, scenario, seed, end, windowsPerTick, weight);
            requests += more.canaryRequests();
            errors += more.canaryErrors();
          }
          return new Outcome(Ending.ROLLED_BACK, minutes(end), requests, errors);
        }
        if (action instanceof Action.Promote) {
          return new Outcome(Ending.PROMOTED, minutes(window), requests, errors);
        }
      }
      if (state.phase().isTerminal()) {
        break;
      }
    }
    return new Outcome(Ending.UNDECIDED, MAX_MINUTES, requests, errors);
  }

  /** The traffic of the tick that ends with window {@code last}, at the given canary weight. */
  private static TrafficModel.Interval draw(TrafficModel model, Scenario scenario, long seed, int last,
      int windowsPerTick, int weight) {
    TrafficModel.Window[] canary = new TrafficModel.Window[windowsPerTick];
    TrafficModel.Window[] primary = new TrafficModel.Window[windowsPerTick];
    for (int w = 0; w < windowsPerTick; w++) {
      int index = last - windowsPerTick + w + 1;
      TrafficModel.Window[] drawn = model.drawWindow(new SplittableRandom(mix(seed, index, weight)), weight, scenario);
      canary[w] = drawn[0];
      primary[w] = drawn[1];
    }
    return new TrafficModel.Interval(canary, primary);
  }

  private static double minutes(int window) {
    return (double) window / TrafficModel.WINDOWS_PER_MINUTE;
  }

  private static long mix(long seed, int window, int weight) {
    long h = seed * 0x9E3779B97F4A7C15L + window * 0xC2B2AE3D27D4EB4FL + weight * 0x165667B19E3779F9L;
    h ^= h >>> 31;
    return h * 0xBF58476D1CE4E5B9L;
  }
}
