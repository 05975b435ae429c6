package dev.canary4j.judge.mannwhitney;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilcoxonDistributionTest {

  @Test
  void matchesCountingEveryArrangementOfSmallSamples() {
    for (int m = 1; m <= 6; m++) {
      for (int n = 1; n <= 6; n++) {
        long[] frequency = new long[m * n + 1];
        long total = 0;
        // Each subset of the m + n ranks taken by x is one equally likely arrangement.
        for (int mask = 0; mask < 1 << (m + n); mask++) {
          if (Integer.bitCount(mask) != m) {
            continue;
          }
          int w = 0;
          int ysBelow = 0;
          for (int r = 0; r < m + n; r++) {
            if ((mask >> r & 1) == 1) {
              w += ysBelow;
            } else {
              ysBelow++;
            }
          }
          frequency[w]++;
          total++;
        }
        WilcoxonDistribution d = new WilcoxonDistribution(m, n);
        long cumulative = 0;
        for (int u = 0; u <= m * n; u++) {
          cumulative += frequency[u];
          assertThat(d.cdf(u)).as("m %d n %d u %d", m, n, u).isCloseTo((double) cumulative / total, within(1e-12));
        }
      }
    }
  }

  @Test
  void quantilesAndTailsAgreeWithR() {
    // R: qwilcox(0.025, 4, 4) = 1, qwilcox(0.01, 5, 5) = 2, pwilcox(2, 5, 5) = 4/252
    assertThat(new WilcoxonDistribution(4, 4).quantile(0.025)).isEqualTo(1);
    assertThat(new WilcoxonDistribution(5, 5).quantile(0.01)).isEqualTo(2);
    assertThat(new WilcoxonDistribution(5, 5).cdf(2)).isCloseTo(4.0 / 252, within(1e-15));
    assertThat(new WilcoxonDistribution(5, 5).survival(23)).isCloseTo(4.0 / 252, within(1e-15));
    // The largest size used exactly: symmetric and summing to 1.
    WilcoxonDistribution big = new WilcoxonDistribution(49, 49);
    assertThat(big.cdf(49 * 49)).isCloseTo(1.0, within(1e-12));
    assertThat(big.cdf(1000)).isCloseTo(big.survival(49 * 49 - 1000), within(1e-12));
  }
}
