package dev.canary4j.simulation;

import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.timeline.RolloutTimeline;
import dev.canary4j.timeline.TimelineAction;
import dev.canary4j.timeline.TimelineEntry;
import dev.canary4j.timeline.TimelineEvent;
import dev.canary4j.timeline.TimelineFormat;
import dev.canary4j.timeline.TimelineOutcome;
import dev.canary4j.timeline.TimelineVerdict;
import dev.canary4j.timeline.TimelineWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link Simulation#run}: one {@link TimelineTick} per tick, for assertions and reports.
 *
 * @param scenario the scenario's name
 * @param seed the scenario's seed
 * @param ticks the ticks that ran, in order
 */
public record Timeline(String scenario, long seed, List<TimelineTick> ticks) {

  /**
   * Copies the ticks.
   *
   * @param scenario the scenario's name
   * @param seed the scenario's seed
   * @param ticks the ticks that ran, in order
   */
  public Timeline {
    ticks = List.copyOf(ticks);
  }

  /**
   * The phase after the last tick.
   *
   * @return the last tick's phase, {@code INITIALIZED} when no tick ran
   */
  public Phase outcome() {
    return ticks.isEmpty() ? Phase.INITIALIZED : ticks.get(ticks.size() - 1).phase();
  }

  /**
   * Whether the run ended with the canary promoted.
   *
   * @return {@code true} if the last tick's phase is the promoted one
   */
  public boolean promoted() {
    return outcome() == Phase.SUCCEEDED;
  }

  /**
   * Whether the run ended rolled back (failed or aborted).
   *
   * @return {@code true} if the last tick's phase is failed or aborted
   */
  public boolean rolledBack() {
    return outcome() == Phase.FAILED || outcome() == Phase.ABORTED;
  }

  /**
   * Tick {@code n}, counting from 1.
   *
   * @param n the tick's number, 1 to the number of ticks run
   * @return the tick
   */
  public TimelineTick tick(int n) {
    if (n < 1 || n > ticks.size()) {
      throw new IndexOutOfBoundsException("Expected a tick between 1 and " + ticks.size() + " but was " + n);
    }
    return ticks.get(n - 1);
  }

  /**
   * The canary's weight after each tick.
   *
   * @return one weight per tick, 0 to 100, in tick order
   */
  public List<Integer> canaryWeights() {
    return ticks.stream().map(TimelineTick::canaryWeight).toList();
  }

  /**
   * The phase after each tick.
   *
   * @return one phase per tick, in tick order
   */
  public List<Phase> phases() {
    return ticks.stream().map(TimelineTick::phase).toList();
  }

  /**
   * The last tick that analysed the canary, if any did.
   *
   * @return the tick, or empty when no analysis ran
   */
  public Optional<TimelineTick> lastAnalysis() {
    for (int i = ticks.size() - 1; i >= 0; i--) {
      if (!ticks.get(i).verdicts().isEmpty()) {
        return Optional.of(ticks.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The verdicts that decided the outcome: for a rollback the last analysis' non-passing verdicts,
   * otherwise all verdicts of the last analysis.
   *
   * @return the verdicts, empty when no analysis ran
   */
  public List<Verdict> decidingVerdicts() {
    List<Verdict> last = lastAnalysis().map(TimelineTick::verdicts).orElse(List.of());
    if (rolledBack()) {
      List<Verdict> bad = last.stream().filter(v -> v.label() != dev.canary4j.judge.VerdictLabel.PASS).toList();
      return bad.isEmpty() ? last : bad;
    }
    return last;
  }

  /**
   * The timeline in the shared timeline format ({@code docs/timeline.md}), from a simulation.
   *
   * @return the timeline, with {@link RolloutTimeline#SIMULATION} as its source
   */
  public RolloutTimeline toRollout() {
    return toRollout(RolloutTimeline.SIMULATION);
  }

  /**
   * The timeline in the shared timeline format, with {@code source} naming what made it (a backtest replays).
   *
   * @param source what made the timeline, e.g. {@code backtest}
   * @return the timeline in the shared format
   */
  public RolloutTimeline toRollout(String source) {
    List<TimelineEntry> entries = new ArrayList<>();
    for (TimelineTick t : ticks) {
      entries.add(TimelineEntry.builder(TimelineEntry.DECISION, t.at(), e -> {
        e.tick = t.tick();
        e.input = String.join("; ", t.inputs());
        e.phase = t.phase().name();
        e.revision = t.revision();
        e.step = t.step();
        e.weights = TimelineWeights.of(t.split());
        e.counters = t.counters();
        e.verdicts = t.verdicts().stream().map(TimelineVerdict::of).toList();
        e.gates = t.gates();
        e.actions = t.actions().stream().map(TimelineAction::of).toList();
        e.performed = t.actions().size();
        e.events = t.events().stream().map(TimelineEvent::of).toList();
      }));
    }
    return RolloutTimeline.of(source, null, scenario, seed, entries);
  }

  /**
   * How the run ended and why, as the timeline format states it.
   *
   * @return the outcome: the final phase and the reason for it
   */
  public TimelineOutcome summary() {
    return toRollout().outcome();
  }

  /**
   * The whole timeline as one JSON document in the timeline format.
   *
   * @return the JSON text
   */
  public String toJson() {
    return TimelineFormat.write(toRollout());
  }
}
