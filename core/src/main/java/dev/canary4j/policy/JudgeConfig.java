package dev.canary4j.policy;

import java.util.List;
import java.util.Set;

/**
 * Configuration of a statistical judge for one metric; a metric without one uses the threshold judge.
 *
 * <p>Implementations are immutable values and report their own violations relative to {@code path}.
 */
public interface JudgeConfig {

  /** The judge's name in policy files, for example {@code mann-whitney}. */
  String judgeName();

  /**
   * Whether the judge adds up what it sees tick after tick; such a judge needs windows that do not
   * overlap, so its metric's query window must be the analysis interval.
   */
  default boolean accumulatesAcrossTicks() {
    return false;
  }

  /**
   * Whether, when the analysis sets a {@link Scoring}, the metric's verdict goes into the score instead
   * of counting on its own.
   */
  default boolean scored() {
    return false;
  }

  /** The score groups the metric counts in; empty puts it in the group {@value Scoring#UNGROUPED}. */
  default Set<String> groups() {
    return Set.of();
  }

  /** Every rule this configuration breaks, with paths under {@code path}; empty when valid. */
  List<Violation> violations(String path);
}
