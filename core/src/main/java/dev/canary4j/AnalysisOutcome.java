package dev.canary4j;

/** The outcome of one tick's analysis across all metrics. */
public enum AnalysisOutcome {
  /** Every judged metric passed. */
  PASS,
  /** A metric failed (or its missing data counts as failure), or a rollout gate was closed. */
  FAIL,
  /** A critical metric failed: roll back at once. */
  CRITICAL_FAIL,
  /** A metric provider failed; the step holds and the error counter rises. */
  ERROR,
  /** A metric had no data and its policy says inconclusive; the step holds. */
  INCONCLUSIVE
}
