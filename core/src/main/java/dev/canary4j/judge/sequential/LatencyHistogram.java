package dev.canary4j.judge.sequential;

import java.util.Arrays;

/**
 * One version's request-latency histogram over one tick, in Prometheus' shape: cumulative counts of
 * requests at or below each bucket's upper bound, the last bound being +infinity.
 *
 * @param upperBounds bucket upper bounds ({@code le}), strictly ascending, ending with +infinity
 * @param cumulativeCounts requests at or below each bound in the tick, non-decreasing
 */
public record LatencyHistogram(double[] upperBounds, long[] cumulativeCounts) {

  public LatencyHistogram {
    if (upperBounds.length == 0 || upperBounds.length != cumulativeCounts.length) {
      throw new IllegalArgumentException("Expected as many bucket counts as bounds (at least one) but got "
          + upperBounds.length + " bounds and " + cumulativeCounts.length + " counts");
    }
    if (upperBounds[upperBounds.length - 1] != Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Expected the last bucket bound to be +Inf but was " + upperBounds[upperBounds.length - 1]);
    }
    for (int i = 0; i < upperBounds.length; i++) {
      if (i > 0 && !(upperBounds[i] > upperBounds[i - 1])) {
        throw new IllegalArgumentException("Expected ascending bucket bounds but bound " + i + " (" + upperBounds[i]
            + ") is not above bound " + (i - 1) + " (" + upperBounds[i - 1] + ")");
      }
      if (cumulativeCounts[i] < (i == 0 ? 0 : cumulativeCounts[i - 1])) {
        throw new IllegalArgumentException("Expected non-decreasing cumulative counts but count " + i + " ("
            + cumulativeCounts[i] + ") is below the one before it");
      }
    }
    upperBounds = upperBounds.clone();
    cumulativeCounts = cumulativeCounts.clone();
  }

  @Override
  public double[] upperBounds() {
    return upperBounds.clone();
  }

  @Override
  public long[] cumulativeCounts() {
    return cumulativeCounts.clone();
  }

  /** All requests in the tick. */
  public long total() {
    return cumulativeCounts[cumulativeCounts.length - 1];
  }

  /**
   * The upper bound of the bucket that holds quantile {@code q}: the smallest bound with at least
   * q x total requests at or below it; the largest finite bound when that would be +infinity.
   */
  public double quantileBound(double q) {
    double needed = q * total();
    double largestFinite = upperBounds.length > 1 ? upperBounds[upperBounds.length - 2] : Double.POSITIVE_INFINITY;
    for (int i = 0; i < upperBounds.length - 1; i++) {
      if (cumulativeCounts[i] >= needed) {
        return upperBounds[i];
      }
    }
    return largestFinite;
  }

  /** All requests, and those slower than {@code bound} (in buckets whose upper bound is above it). */
  public TickCounts slowerThan(double bound) {
    long atOrBelow = 0;
    for (int i = 0; i < upperBounds.length && upperBounds[i] <= bound; i++) {
      atOrBelow = cumulativeCounts[i];
    }
    return TickCounts.of(total(), total() - atOrBelow);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h && Arrays.equals(upperBounds, h.upperBounds)
        && Arrays.equals(cumulativeCounts, h.cumulativeCounts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(cumulativeCounts);
  }

  @Override
  public String toString() {
    return "LatencyHistogram[" + upperBounds.length + " buckets, " + total() + " requests]";
  }
}
