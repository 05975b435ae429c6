package dev.canary4j.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One rollout told over time, in the versioned timeline format ({@code docs/timeline.md}): what
 * {@code simulate --json} writes, and what a decision log or a backtest reads back as.
 *
 * @param version the format's version, {@link TimelineFormat#VERSION}
 * @param source where the timeline comes from: {@code simulation}, {@code decision-log} or {@code backtest}
 * @param canary the canary's id, or {@code null} when there is none (a simulation)
 * @param scenario the scenario's name, or {@code null} outside a simulation
 * @param seed the scenario's seed, or {@code null} outside a simulation
 * @param outcome how the rollout ended, and why
 * @param ticks the entries, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "source", "canary", "scenario", "seed", "outcome", "ticks"})
public record RolloutTimeline(int version, String source, String canary, String scenario, Long seed,
    TimelineOutcome outcome, List<TimelineEntry> ticks) {

  /** Where a timeline written by a simulation comes from. */
  public static final String SIMULATION = "simulation";
  /** Where a timeline read from a runner's decision log comes from. */
  public static final String DECISION_LOG = "decision-log";
  /** Where a timeline replayed over recorded metrics comes from. */
  public static final String BACKTEST = "backtest";

  /**
   * Checks that there is a source and copies the entries ({@code null}: none); a {@code null} outcome is read
   * from the entries.
   *
   * @param version the format's version
   * @param source where the timeline comes from; not {@code null}
   * @param canary the canary's id, or {@code null}
   * @param scenario the scenario's name, or {@code null}
   * @param seed the scenario's seed, or {@code null}
   * @param outcome how the rollout ended, or {@code null} to read it from the entries
   * @param ticks the entries, oldest first, or {@code null} for none
   */
  public RolloutTimeline {
    Objects.requireNonNull(source, "source");
    ticks = ticks == null ? List.of() : List.copyOf(ticks);
    outcome = outcome == null ? TimelineOutcome.of(ticks) : outcome;
  }

  /**
   * A timeline of the current format version whose outcome is read from its entries.
   *
   * @param source where the timeline comes from, e.g. {@link #SIMULATION}
   * @param canary the canary's id, or {@code null}
   * @param scenario the scenario's name, or {@code null}
   * @param seed the scenario's seed, or {@code null}
   * @param ticks the entries, oldest first
   * @return the timeline at {@link TimelineFormat#VERSION}
   */
  public static RolloutTimeline of(String source, String canary, String scenario, Long seed, List<TimelineEntry> ticks) {
    return new RolloutTimeline(TimelineFormat.VERSION, source, canary, scenario, seed, null, ticks);
  }

  /**
   * The entries that are decisions (the others report failures), oldest first.
   *
   * @return the decision entries, possibly empty
   */
  public List<TimelineEntry> decisions() {
    return ticks.stream().filter(TimelineEntry::isDecision).toList();
  }
}
