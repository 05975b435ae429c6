package dev.canary4j.judge.mannwhitney;

/**
 * How the Mann-Whitney interval and p-value are computed: R's {@code wilcox.test(exact = ...)}, where
 * {@code NULL} is {@link #AUTO}, {@code TRUE} is {@link #EXACT} and {@code FALSE} is
 * {@link #NORMAL_APPROXIMATION}.
 */
public enum IntervalMethod {
  /** Exact when both samples have fewer than 50 values and there are no ties (R's default). */
  AUTO,
  /**
   * Exact whenever there are no ties, as R's {@code exact = TRUE}; with ties R warns and approximates, and
   * so does this judge. Above {@link HodgesLehmann#FORCED_EXACT_LIMIT} pairs the exact distribution is not
   * built (its table grows with (m n)^2), and the normal approximation is used; the result says which.
   */
  EXACT,
  /** Always the normal approximation with tie and continuity correction ({@code exact = FALSE}). */
  NORMAL_APPROXIMATION
}
