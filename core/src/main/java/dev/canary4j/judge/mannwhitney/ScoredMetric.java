package dev.canary4j.judge.mannwhitney;

import java.util.Objects;
import java.util.Set;

/**
 * A metric's classification together with the groups it counts in for the canary score.
 *
 * @param result the metric's classification
 * @param groups the groups it belongs to; empty puts it in {@value CanaryScorer#UNGROUPED}
 */
public record ScoredMetric(MannWhitneyResult result, Set<String> groups) {

  public ScoredMetric {
    Objects.requireNonNull(result, "result");
    groups = groups == null || groups.isEmpty() ? Set.of(CanaryScorer.UNGROUPED) : Set.copyOf(groups);
  }

  /** A metric in the given groups. */
  public static ScoredMetric of(MannWhitneyResult result, String... groups) {
    return new ScoredMetric(result, Set.of(groups));
  }
}
