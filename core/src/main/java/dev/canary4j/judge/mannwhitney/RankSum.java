package dev.canary4j.judge.mannwhitney;

/**
 * The rank-sum statistic of a shifted sample x - d against y with mid-ranks, and the tie term of the
 * pooled sample, from two ascending samples in one merge pass.
 *
 * @param statistic W: pairs with {@code x - d > y}, plus half the tied pairs
 * @param tieTerm the sum over groups of tied pooled values of {@code t^3 - t}
 */
record RankSum(double statistic, double tieTerm) {

  /** The statistic of {@code x - shift} against {@code y}; both ascending. */
  static RankSum of(double[] x, double[] y, double shift) {
    int m = x.length;
    int n = y.length;
    int i = 0;
    int j = 0;
    double statistic = 0;
    double tieTerm = 0;
    while (i < m || j < n) {
      double value = i < m && (j >= n || x[i] - shift <= y[j]) ? x[i] - shift : y[j];
      int xs = 0;
      while (i < m && x[i] - shift == value) {
        xs++;
        i++;
      }
      int ys = 0;
      while (j < n && y[j] == value) {
        ys++;
        j++;
      }
      // x's in this group beat every y already passed and tie with the group's y's.
      statistic += xs * ((double) (j - ys) + 0.5 * ys);
      double t = xs + ys;
      tieTerm += t * t * t - t;
    }
    return new RankSum(statistic, tieTerm);
  }

  /** The tie term of one ascending sample on its own. */
  static double tieTerm(double[] sorted) {
    double term = 0;
    int i = 0;
    while (i < sorted.length) {
      int start = i;
      while (i < sorted.length && sorted[i] == sorted[start]) {
        i++;
      }
      double t = i - start;
      term += t * t * t - t;
    }
    return term;
  }

  /** The standard deviation of W under no shift, for samples of m and n with this tie term. */
  static double sigma(int m, int n, double tieTerm) {
    double big = (double) m + n;
    return Math.sqrt(((double) m * n / 12.0) * ((big + 1) - tieTerm / (big * (big - 1))));
  }
}
