package dev.canary4j.judge.mannwhitney;

/**
 * The exact null distribution of the Mann-Whitney statistic W (pairs with x > y) for samples of m and n
 * without ties, as R's {@code pwilcox} and {@code qwilcox} compute it.
 *
 * <p>The frequencies follow from the recursion on the largest of the m + n observations: it is an x,
 * beating all n y's ({@code f(m, n, u) = f(m - 1, n, u - n)}), or a y ({@code f(m, n - 1, u)}). Only
 * additions, so the frequencies (up to C(98, 49) at the largest size used, m, n < 50) lose no precision
 * to cancellation. Built in O(m n (m n)) time; meant for the small samples that R tests exactly.
 */
final class WilcoxonDistribution {

  private final int m;
  private final int n;
  private final double[] probability;

  WilcoxonDistribution(int m, int n) {
    if (m < 1 || n < 1) {
      throw new IllegalArgumentException("sample sizes must be at least 1, but were " + m + " and " + n);
    }
    this.m = m;
    this.n = n;
    int max = m * n;
    // layer[j][u]: arrangements of i x's and j y's with W = u, for the current i.
    double[][] layer = new double[n + 1][max + 1];
    for (int j = 0; j <= n; j++) {
      layer[j][0] = 1;
    }
    // Two layers, swapped: layer i writes only u <= i j, above what any earlier layer wrote there,
    // so the entries it does not write are still 0.
    double[][] next = new double[n + 1][max + 1];
    for (int i = 1; i <= m; i++) {
      next[0][0] = 1;
      for (int j = 1; j <= n; j++) {
        int top = i * j;
        for (int u = 0; u <= top; u++) {
          double xLargest = u >= j ? layer[j][u - j] : 0;
          next[j][u] = xLargest + next[j - 1][u];
        }
      }
      double[][] written = next;
      next = layer;
      layer = written;
    }
    double total = 0;
    for (double f : layer[n]) {
      total += f;
    }
    probability = new double[max + 1];
    for (int u = 0; u <= max; u++) {
      probability[u] = layer[n][u] / total;
    }
  }

  /** P(W <= q). */
  double cdf(double q) {
    int top = (int) Math.floor(q + 1e-7);
    if (top < 0) {
      return 0;
    }
    double sum = 0;
    for (int u = 0; u <= Math.min(top, m * n); u++) {
      sum += probability[u];
    }
    return Math.min(sum, 1.0);
  }

  /** P(W >= q). */
  double survival(double q) {
    int bottom = Math.max(0, (int) Math.ceil(q - 1e-7));
    double sum = 0;
    for (int u = bottom; u <= m * n; u++) {
      sum += probability[u];
    }
    return Math.min(sum, 1.0);
  }

  /** The smallest q with P(W <= q) >= p, with R's allowance of 10 machine epsilons. */
  int quantile(double p) {
    double target = p - 10 * Math.ulp(1.0);
    double sum = 0;
    for (int u = 0; u <= m * n; u++) {
      sum += probability[u];
      if (sum >= target) {
        return u;
      }
    }
    return m * n;
  }
}
