package dev.canary4j.benchmarks.shootout;

import java.util.Arrays;
import dev.canary4j.simulation.Draws;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Requests per minute split between primary and canary, errors drawn per request, latencies lognormal
 * and recorded in Prometheus-style histogram buckets. Traffic is drawn in 10-second windows: a policy
 * looking once a minute sees six of them per tick (so the Mann-Whitney judge has per-window values to
 * compare), one looking every 20 seconds sees two.
 *
 * @param requestsPerMinute total requests per minute, both versions
 * @param primaryErrorRate the primary's error rate
 * @param medianLatencyMillis the primary's median latency
 * @param latencySigma sigma of log latency
 * @param bucketBounds histogram bucket upper bounds in ms, ending with +infinity
 */
record TrafficModel(long requestsPerMinute, double primaryErrorRate, double medianLatencyMillis, double latencySigma,
    double[] bucketBounds) {

  static final int WINDOWS_PER_MINUTE = 6;
  static final java.time.Duration WINDOW = java.time.Duration.ofSeconds(10);
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** Istio's default request-duration buckets up to 10 s. */
  static final double[] ISTIO_BUCKETS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Double.POSITIVE_INFINITY};

  /** One version's traffic in one window. */
  record Window(long requests, long errors, long[] cumulativeBuckets) {}

  /** Both versions' traffic over one analysis interval, window by window. */
  record Interval(Window[] canary, Window[] primary) {

    long canaryRequests() {
      return Arrays.stream(canary).mapToLong(Window::requests).sum();
    }

    long canaryErrors() {
      return Arrays.stream(canary).mapToLong(Window::errors).sum();
    }
  }

  /** One 10-second window at {@code canaryPercent}, drawn from {@code random}: the canary's, then the primary's. */
  Window[] drawWindow(SplittableRandom random, int canaryPercent, Scenario scenario) {
    long perWindow = requestsPerMinute / WINDOWS_PER_MINUTE;
    long c = Draws.binomial(random, perWindow, canaryPercent / 100.0);
    long p = perWindow - c;
    return new Window[] {
        new Window(c, Draws.binomial(random, c, scenario.canaryErrorRate()),
            Draws.cumulativeHistogram(random, c, bucketProbabilities(scenario.latencyScale()))),
        new Window(p, Draws.binomial(random, p, primaryErrorRate),
            Draws.cumulativeHistogram(random, p, bucketProbabilities(1.0)))};
  }

  /** Probability of each bucket for latencies scaled by {@code scale}. */
  double[] bucketProbabilities(double scale) {
    double[] p = new double[bucketBounds.length];
    double previous = 0;
    for (int i = 0; i < bucketBounds.length; i++) {
      double cdf = exceedsNothing(bucketBounds[i]) ? 1 : NORMAL.cumulativeProbability(
          Math.log(bucketBounds[i] / (medianLatencyMillis * scale)) / latencySigma);
      p[i] = cdf - previous;
      previous = cdf;
    }
    return p;
  }

  /** Probability that a latency scaled by {@code scale} is above {@code bound}. */
  double slowerThan(double bound, double scale) {
    return 1 - NORMAL.cumulativeProbability(Math.log(bound / (medianLatencyMillis * scale)) / latencySigma);
  }

  private static boolean exceedsNothing(double bound) {
    return bound == Double.POSITIVE_INFINITY;
  }

  /** Prometheus' histogram_quantile: linear interpolation inside the bucket holding quantile q. */
  static double histogramQuantile(double q, double[] bounds, long[] cumulative) {
    long total = cumulative[cumulative.length - 1];
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= rank) {
        if (bounds[i] == Double.POSITIVE_INFINITY) {
          return bounds[i - 1];
        }
        double lower = i == 0 ? 0 : bounds[i - 1];
        long below = i == 0 ? 0 : cumulative[i - 1];
        long inBucket = cumulative[i] - below;
        return inBucket == 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
      }
    }
    return bounds[bounds.length - 2];
  }

  /** Sum of the windows' cumulative buckets. */
  static long[] sum(Window[] windows) {
    long[] total = new long[windows[0].cumulativeBuckets().length];
    for (Window w : windows) {
      for (int i = 0; i < total.length; i++) {
        total[i] += w.cumulativeBuckets()[i];
      }
    }
    return total;
  }
}
