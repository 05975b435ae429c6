package dev.canary4j.simulation;

import dev.canary4j.Phase;
import dev.canary4j.internal.JsonText;
import dev.canary4j.judge.Verdict;
import dev.canary4j.runner.DecisionLog;
import dev.canary4j.spec.StateCodec;
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

  public Timeline {
    ticks = List.copyOf(ticks);
  }

  /** The phase after the last tick. */
  public Phase outcome() {
    return ticks.isEmpty() ? Phase.INITIALIZED : ticks.get(ticks.size() - 1).phase();
  }

  /** Whether the run ended with the canary promoted. */
  public boolean promoted() {
    return outcome() == Phase.SUCCEEDED;
  }

  /** Whether the run ended rolled back (failed or aborted). */
  public boolean rolledBack() {
    return outcome() == Phase.FAILED || outcome() == Phase.ABORTED;
  }

  /** Tick {@code n}, counting from 1. */
  public TimelineTick tick(int n) {
    if (n < 1 || n > ticks.size()) {
      throw new IndexOutOfBoundsException("Expected a tick between 1 and " + ticks.size() + " but was " + n);
    }
    return ticks.get(n - 1);
  }

  /** The canary's weight after each tick. */
  public List<Integer> canaryWeights() {
    return ticks.stream().map(TimelineTick::canaryWeight).toList();
  }

  /** The phase after each tick. */
  public List<Phase> phases() {
    return ticks.stream().map(TimelineTick::phase).toList();
  }

  /** The last tick that analysed the canary, if any did. */
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
   */
  public List<Verdict> decidingVerdicts() {
    List<Verdict> last = lastAnalysis().map(TimelineTick::verdicts).orElse(List.of());
    if (rolledBack()) {
      List<Verdict> bad = last.stream().filter(v -> v.label() != dev.canary4j.judge.VerdictLabel.PASS).toList();
      return bad.isEmpty() ? last : bad;
    }
    return last;
  }

  /** The whole timeline as one JSON document. */
  public String toJson() {
    List<String> rendered = new ArrayList<>();
    for (TimelineTick t : ticks) {
      JsonText gates = JsonText.object();
      t.gates().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> gates.raw(e.getKey(),
          JsonText.object().field("open", e.getValue().open()).field("message", e.getValue().message()).build()));
      rendered.add(JsonText.object()
          .field("tick", t.tick())
          .field("time", t.at().toString())
          .field("phase", t.phase().name())
          .raw("weights", JsonText.object().field("primary", t.split().primary()).field("canary", t.split().canary())
              .field("mirror", t.split().mirror()).build())
          .raw("verdicts", JsonText.array(t.verdicts().stream().map(DecisionLog::toJson).toList()))
          .raw("gates", gates.build())
          .raw("actions", JsonText.array(t.actions().stream().map(StateCodec::toJson).toList()))
          .raw("events", JsonText.array(t.events().stream().map(StateCodec::toJson).toList()))
          .build());
    }
    return JsonText.object().field("scenario", scenario).field("seed", seed).field("outcome", outcome().name())
        .raw("ticks", JsonText.array(rendered)).build();
  }
}
