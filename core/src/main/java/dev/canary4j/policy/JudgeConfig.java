package dev.canary4j.policy;

import java.util.List;
import java.util.Set;

/**
 * Configuration of a statistical judge for one metric; a metric without one uses the threshold judge.
 *
 * <p>Implementations are immutable values and report their own violations relative to {@code path}.
 */
public interface JudgeConfig {

  /**
   * The judge's name in policy files, for example {@code mann-whitney}.
   *
   * @return the name, as the {@code judge} field of a metric writes it
   */
  String judgeName();

  /**
   * Whether the judge adds up what it sees tick after tick; such a judge needs windows that do not
   * overlap, so its metric's query window must be the analysis interval.
   *
   * @return {@code true} for an accumulating judge; {@code false} by default
   */
  default boolean accumulatesAcrossTicks() {
    return false;
  }

  /**
   * Whether, when the analysis sets a {@link Scoring}, the metric's verdict goes into the score instead
   * of counting on its own.
   *
   * @return {@code true} for a scored judge; {@code false} by default
   */
  default boolean scored() {
    return false;
  }

  /**
   * The score groups the metric counts in; empty puts it in the group {@value Scoring#UNGROUPED}.
   *
   * @return the group names; empty by default
   */
  default Set<String> groups() {
    return Set.of();
  }

  /**
   * Every rule this configuration breaks, with paths under {@code path}; empty when valid.
   *
   * @param path the judge configuration's path in the policy
   * @return the violations, each with its path
   */
  List<Violation> violations(String path);
}
