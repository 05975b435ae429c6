package dev.canary4j.policy;

/** What a metric's {@code NO_DATA} verdict does to the analysis tick. */
public enum NoDataPolicy {
  /** Counts as a failed check, like Flagger. */
  FAIL,
  /** Holds the current step and counts toward {@code inconclusiveLimit}. */
  INCONCLUSIVE,
  /** The metric is left out of this tick's outcome; its verdict is still recorded. */
  IGNORE
}
