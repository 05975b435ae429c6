package dev.canary4j.judge.mannwhitney;

import dev.canary4j.judge.Verdict;
import java.util.Objects;
import java.util.Set;

/**
 * A metric's verdict together with the groups it counts in for the canary score.
 *
 * @param verdict the metric's verdict: PASS, a failure (Kayenta's HIGH, LOW or NO_DATA_FAIL), NO_DATA,
 *     or ERROR, which the score leaves out
 * @param groups the groups it belongs to; empty puts it in {@value CanaryScorer#UNGROUPED}
 */
public record ScoredMetric(Verdict verdict, Set<String> groups) {

  /**
   * Checks that there is a verdict; {@code null} or empty groups become the ungrouped group.
   *
   * @param verdict the metric's verdict; not {@code null}
   * @param groups the groups it belongs to, or {@code null}
   */
  public ScoredMetric {
    Objects.requireNonNull(verdict, "verdict");
    groups = groups == null || groups.isEmpty() ? Set.of(CanaryScorer.UNGROUPED) : Set.copyOf(groups);
  }

  /**
   * A classified metric in the given groups.
   *
   * @param result the Mann-Whitney result
   * @param groups the groups it belongs to; none for the ungrouped group
   * @return the scored metric
   */
  public static ScoredMetric of(MannWhitneyResult result, String... groups) {
    return new ScoredMetric(result.toVerdict(), Set.of(groups));
  }
}
