package dev.canary4j.simulation;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Counters;
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
 * @param revision the revision under analysis after the tick
 * @param step the step index after the tick, -1 before the first traffic shift
 * @param counters the analysis counters after the tick
 * @param inputs what the machine was told in the tick ({@code tick}, {@code command ABORT}, ...), in order
 * @param verdicts every metric verdict of the tick's analysis; empty when none was due
 * @param gates the gate answers the tick's decision saw
 * @param actions every action performed in the tick, in order
 * @param events every event of the tick, in order
 */
public record TimelineTick(int tick, Instant at, Phase phase, TrafficSplit split, String revision, int step,
    Counters counters, List<String> inputs, List<Verdict> verdicts, Map<String, GateResult> gates,
    List<Action> actions, List<CanaryEvent> events) {

  /**
   * Copies the lists and the map.
   *
   * @param tick the tick's number, from 1
   * @param at the simulated time
   * @param phase the phase after the tick
   * @param split the weights after the tick
   * @param revision the revision under analysis after the tick
   * @param step the step index after the tick, -1 before the first traffic shift
   * @param counters the analysis counters after the tick
   * @param inputs what the machine was told in the tick, in order
   * @param verdicts every metric verdict of the tick's analysis
   * @param gates the gate answers the tick's decision saw, by gate name
   * @param actions every action performed in the tick, in order
   * @param events every event of the tick, in order
   */
  public TimelineTick {
    inputs = List.copyOf(inputs);
    verdicts = List.copyOf(verdicts);
    gates = Map.copyOf(gates);
    actions = List.copyOf(actions);
    events = List.copyOf(events);
  }

  /**
   * The canary's weight after the tick.
   *
   * @return the canary's traffic weight in percent, 0 to 100
   */
  public int canaryWeight() {
    return split.canary();
  }

  /**
   * The verdict of {@code metric} in this tick, if it was analysed.
   *
   * @param metric the metric's name as the policy lists it
   * @return the verdict, or empty when the metric was not analysed in this tick
   */
  public Optional<Verdict> verdict(String metric) {
    return verdicts.stream().filter(v -> v.metric().equals(metric)).findFirst();
  }
}
