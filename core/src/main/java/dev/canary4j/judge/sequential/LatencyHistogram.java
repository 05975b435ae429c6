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

  /**
   * Checks the bounds and counts, and copies both arrays.
   *
   * @param upperBounds bucket upper bounds, strictly ascending, ending with +infinity
   * @param cumulativeCounts requests at or below each bound, non-decreasing, as many as bounds
   */
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

  /**
   * The bucket upper bounds (a copy).
   *
   * @return a new array of the bounds, ascending, ending with +infinity
   */
  @Override
  public double[] upperBounds() {
    return upperBounds.clone();
  }

  /**
   * The cumulative bucket counts (a copy).
   *
   * @return a new array of the counts, one per bound
   */
  @Override
  public long[] cumulativeCounts() {
    return cumulativeCounts.clone();
  }

  /**
   * All requests in the tick.
   *
   * @return the count of the +infinity bucket
   */
  public long total() {
    return cumulativeCounts[cumulativeCounts.length - 1];
  }

  /**
   * The upper bound of the bucket that holds quantile {@code q}: the smallest bound with at least
   * q x total requests at or below it; the largest finite bound when that would be +infinity.
   *
   * @param q the quantile, between 0 and 1
   * @return a finite bucket bound
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

  /**
   * Whichever end of the bucket holding quantile {@code q} has a share of requests above it nearer to
   * {@code 1 - q} (by ratio): histogram buckets are coarse, and the upper end of the bucket holding a
   * p95 of 130 ms in a 100-250 ms bucket may have almost no request above it, which would starve a test
   * counting slow requests. An end with no request above it is never chosen while the other has some.
   *
   * @param q the quantile, between 0 and 1
   * @return a finite bucket bound
   */
  public double nearestBound(double q) {
    double upper = quantileBound(q);
    int i = 0;
    while (i < upperBounds.length - 1 && upperBounds[i] < upper) {
      i++;
    }
    if (i == 0) {
      return upper;
    }
    double target = 1 - q;
    double lower = upperBounds[i - 1];
    double aboveUpper = (double) (total() - cumulativeCounts[i]) / total();
    double aboveLower = (double) (total() - cumulativeCounts[i - 1]) / total();
    double upperDistance = aboveUpper > 0 ? Math.abs(Math.log(aboveUpper / target)) : Double.POSITIVE_INFINITY;
    double lowerDistance = aboveLower > 0 ? Math.abs(Math.log(aboveLower / target)) : Double.POSITIVE_INFINITY;
    return lowerDistance < upperDistance ? lower : upper;
  }

  /**
   * The share of requests slower than {@code latency}. Inside the bucket that holds it the share slower
   * falls geometrically (an exponential tail, log-linear between the bucket's ends), which follows a
   * latency tail far better than {@code histogram_quantile}'s linear interpolation: for a lognormal
   * with median 100 ms and sigma 0.5, the share above 217 ms read from the 100-250 ms bucket is 6.05 %
   * this way (truly 6.06 %), and 13.6 % linearly. Linear where the bucket's upper end has no request
   * above it. NaN without requests.
   *
   * @param latency the latency, in the histogram's unit
   * @return the share, 0 to 1
   */
  public double shareAbove(double latency) {
    long total = total();
    if (total == 0) {
      return Double.NaN;
    }
    double lower = 0;
    long below = 0;
    for (int i = 0; i < upperBounds.length; i++) {
      double upper = upperBounds[i];
      if (latency <= upper) {
        if (upper == Double.POSITIVE_INFINITY || latency <= lower) {
          return (double) (total - below) / total;
        }
        double fraction = (latency - lower) / (upper - lower);
        double aboveLower = (double) (total - below) / total;
        double aboveUpper = (double) (total - cumulativeCounts[i]) / total;
        return aboveUpper > 0 ? aboveLower * Math.pow(aboveUpper / aboveLower, fraction)
            : aboveLower + (aboveUpper - aboveLower) * fraction;
      }
      lower = upper;
      below = cumulativeCounts[i];
    }
    return 0;
  }

  /**
   * All requests, and those slower than {@code bound} (in buckets whose upper bound is above it).
   *
   * @param bound a latency, usually one of the bucket bounds
   * @return the total requests and the slow ones, as the sequential judge counts them
   */
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
