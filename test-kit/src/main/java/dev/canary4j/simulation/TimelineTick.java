package dev.canary4j.simulation;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.GateResult;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one simulated tick did, after everything scripted for it and the runner's tick.
 *
 * @param tick the tick's number, from 1
 * @param at the simulated time
 * @param phase the phase after the tick
 * @param split the weights after the tick
 * @param verdicts every metric verdict of the tick's analysis; empty when none was due
 * @param gates the gate answers the tick's decision saw
 * @param actions every action performed in the tick, in order
 * @param events every event of the tick, in order
 */
public record TimelineTick(int tick, Instant at, Phase phase, TrafficSplit split, List<Verdict> verdicts,
    Map<String, GateResult> gates, List<Action> actions, List<CanaryEvent> events) {

  public TimelineTick {
    verdicts = List.copyOf(verdicts);
    gates = Map.copyOf(gates);
    actions = List.copyOf(actions);
    events = List.copyOf(events);
  }

  /** The canary's weight after the tick. */
  public int canaryWeight() {
    return split.canary();
  }

  /** The verdict of {@code metric} in this tick, if it was analysed. */
  public Optional<Verdict> verdict(String metric) {
    return verdicts.stream().filter(v -> v.metric().equals(metric)).findFirst();
  }
}
