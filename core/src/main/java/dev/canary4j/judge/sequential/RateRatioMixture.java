package dev.canary4j.judge.sequential;

/**
 * The likelihood ratios behind the sequential test, one per point of a grid of rate ratios.
 *
 * <p>Given the bad requests {@code s} of both versions in a tick, the canary's share is binomial with
 * success probability {@code theta = rho w / (1 + rho w)}, where {@code rho} is the ratio of the
 * canary's bad-request rate to the primary's and {@code w} the ratio of their request counts in that
 * tick (so changing traffic weights are accounted for exactly). The log likelihood ratio of an
 * alternative {@code rho1} against the boundary {@code rho0} for a tick is
 * {@code x log(rho1 / rho0) + s (log(1 + rho0 w) - log(1 + rho1 w))}.
 *
 * <p>The grid is geometric: {@code rho0 x 2^(+-j/3)}, j = 1..12 (factors 1.26 to 16 either way), with
 * equal prior weight. Averaging the ratios over the grid gives an e-process whose cost, against
 * knowing the true ratio, is at most log 12 (about 2.5 nats) of evidence.
 */
final class RateRatioMixture {

  static final int POINTS = 12;

  private RateRatioMixture() {}

  /** Grid factor j (0-based) above the boundary, or below when {@code upward} is false. */
  static double factor(int j, boolean upward) {
    double f = Math.pow(2, (j + 1) / 3.0);
    return upward ? f : 1 / f;
  }

  /** Adds one tick's log likelihood ratios to {@code logRatios} (a copy is returned). */
  static double[] update(double[] logRatios, boolean upward, double rho0, double w, long canaryBad, long totalBad) {
    double[] next = logRatios.clone();
    double boundary = Math.log1p(rho0 * w);
    for (int j = 0; j < next.length; j++) {
      double f = factor(j, upward);
      next[j] += canaryBad * Math.log(f) + totalBad * (boundary - Math.log1p(rho0 * f * w));
    }
    return next;
  }

  /**
   * One tick's log likelihood ratio of rate ratio {@code rho1} against {@code rho0}, given {@code totalBad}
   * bad requests of which {@code canaryBad} were the canary's, at request ratio {@code w} (canary / primary).
   */
  static double logRatio(double rho0, double rho1, double w, long canaryBad, long totalBad) {
    return canaryBad * Math.log(rho1 / rho0) + totalBad * (Math.log1p(rho0 * w) - Math.log1p(rho1 * w));
  }

  /** The log of the equally weighted average of exp(logRatios): the log e-value. */
  static double logMixture(double[] logRatios) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logRatios) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (double l : logRatios) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum / logRatios.length);
  }
}
