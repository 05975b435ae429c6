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
 * Drives one rollout through the real {@link CanaryMachine}, one minute per tick, until it promotes or
 * rolls back. Traffic depends only on (seed, minute, canary weight), so every policy sees the same
 * requests for as long as it follows the same weights.
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
  record Outcome(Ending ending, int minutes, long canaryRequests, long canaryErrors) {}

  private RolloutSimulation() {}

  static Outcome run(Contestant contestant, TrafficModel model, Scenario scenario, long seed) {
    CanaryPolicy policy = contestant.policy();
    Instant now = T0;
    CanaryState state = CanaryMachine.decide(policy, CanaryState.initial(), new Input.RevisionObserved("v1"), now).state();
    state = CanaryMachine.decide(policy, state, new Input.RevisionObserved("v2"), now).state();
    Contestant.Judging judging = contestant.start();
    long requests = 0;
    long errors = 0;
    for (int minute = 1; minute <= MAX_MINUTES; minute++) {
      now = now.plus(Duration.ofMinutes(1));
      int weight = state.split().canary();
      TickPlan plan = CanaryMachine.plan(policy, state);
      TrafficModel.Minute traffic = model.draw(new SplittableRandom(mix(seed, minute, weight)), weight, scenario);
      requests += traffic.canaryRequests();
      errors += traffic.canaryErrors();
      List<Verdict> verdicts = plan.analyse() ? judging.judge(plan.metrics(), traffic) : List.of();
      Decision decision = CanaryMachine.decide(policy, state, Input.Tick.of(verdicts), now);
      state = decision.state();
      for (Action action : decision.actions()) {
        if (action instanceof Action.RollBack) {
          return new Outcome(Ending.ROLLED_BACK, minute, requests, errors);
        }
        if (action instanceof Action.Promote) {
          return new Outcome(Ending.PROMOTED, minute, requests, errors);
        }
      }
      if (state.phase().isTerminal()) {
        break;
      }
    }
    return new Outcome(Ending.UNDECIDED, MAX_MINUTES, requests, errors);
  }

  private static long mix(long seed, int minute, int weight) {
    long h = seed * 0x9E3779B97F4A7C15L + minute * 0xC2B2AE3D27D4EB4FL + weight * 0x165667B19E3779F9L;
    h ^= h >>> 31;
    return h * 0xBF58476D1CE4E5B9L;
  }
}
