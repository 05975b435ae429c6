package dev.canary4j.judge.mannwhitney;

/**
 * The Hodges-Lehmann estimate of the shift of the canary against the baseline, its confidence interval
 * and the two-sided Mann-Whitney test of no shift, as R's {@code wilcox.test(x, y, conf.int = TRUE)}
 * reports them.
 *
 * @param estimate the median of all pairwise differences canary - baseline
 * @param lower lower end of the confidence interval for the shift
 * @param upper upper end of the confidence interval for the shift
 * @param confidenceLevel the interval's nominal coverage
 * @param pValue two-sided p-value of the test of no shift
 * @param log10PValue the base-10 logarithm of the p-value, finite even where {@code pValue} is below
 *     the smallest double and reads 0 (a strong shift on large samples): it keeps the magnitude
 * @param statistic Mann-Whitney W: pairs with canary above baseline, plus half the tied pairs
 * @param method how the interval and p-value were computed
 */
public record ShiftEstimate(double estimate, double lower, double upper, double confidenceLevel,
    double pValue, double log10PValue, double statistic, Method method) {

  /** How the interval and the p-value were computed. */
  public enum Method {
    /** Exact null distribution: both samples under 50 and no ties, as R does by default. */
    EXACT,
    /** Normal approximation with tie and continuity correction. */
    NORMAL_APPROXIMATION
  }
}
