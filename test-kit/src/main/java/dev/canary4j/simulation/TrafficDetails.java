package dev.canary4j.simulation;

import dev.canary4j.judge.sequential.LatencyHistogram;
import dev.canary4j.spi.MetricSeries;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * What the statistical judges need beyond a window's value, generated from the same traffic model:
 * per-step series (as a range query returns them) and latency histograms in Istio's buckets (as the
 * increase of {@code istio_request_duration_milliseconds_bucket} over the window gives them).
 */
final class TrafficDetails {

  /** Distance between the points of a series. */
  static final Duration SERIES_STEP = Duration.ofSeconds(10);
  /** Istio's default bucket bounds of {@code istio_request_duration_milliseconds}, in ms. */
  static final double[] ISTIO_BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
      300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};
  /** Latencies drawn per step at most; the step's p99 of more would not move. */
  private static final int MAX_STEP_SAMPLES = 1_000;
  /** Points per series at most, as Prometheus caps a range query; longer windows get a wider step. */
  static final int MAX_POINTS = 11_000;
  /**
   * Above this many requests, counts are drawn in aggregate (binomial, or multinomial over the
   * buckets) instead of request by request, so that long windows at high rates stay fast.
   */
  private static final long AGGREGATE_ABOVE = 10_000;

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private final Random random;

  TrafficDetails(Random random) {
    this.random = random;
  }

  /**
   * Per-step values of one version over {@code window}: its success rate in percent, or its p99 in ms
   * when {@code latency}; steps without requests are left out, as the Prometheus source leaves them out.
   */
  MetricSeries series(TrafficModel.Behaviour b, long requests, int weight, Duration window, boolean latency) {
    int points = (int) Math.min(MAX_POINTS, Math.max(1, window.toMillis() / SERIES_STEP.toMillis()));
    long step = Math.max(SERIES_STEP.toMillis(), window.toMillis() / points);
    long[] timestamps = new long[points];
    double[] values = new double[points];
    int n = 0;
    for (int i = 0; i < points; i++) {
      long stepRequests = requests / points + (i < requests % points ? 1 : 0);
      if (stepRequests == 0) {
        continue;
      }
      timestamps[n] = i * step;
      values[n] = latency ? p99(b, stepRequests, weight) : successRate(b, stepRequests);
      n++;
    }
    return new MetricSeries(Arrays.copyOf(timestamps, n), Arrays.copyOf(values, n));
  }

  /** The latency histogram of {@code requests} requests of one version, in Istio's buckets. */
  LatencyHistogram histogram(TrafficModel.Behaviour b, long requests, int weight) {
    if (requests > AGGREGATE_ABOVE) {
      return new LatencyHistogram(ISTIO_BUCKETS, Draws.cumulativeHistogram(new SplittableRandom(random.nextLong()),
          requests, bucketProbabilities(b, weight)));
    }
    long[] counts = new long[ISTIO_BUCKETS.length];
    for (long i = 0; i < requests; i++) {
      double ms = latency(b, weight);
      int bucket = 0;
      while (ms > ISTIO_BUCKETS[bucket]) {
        bucket++;
      }
      counts[bucket]++;
    }
    for (int i = 1; i < counts.length; i++) {
      counts[i] += counts[i - 1];
    }
    return new LatencyHistogram(ISTIO_BUCKETS, counts);
  }

  /** The chance of a request landing in each bucket: the log-normal latency's CDF between the bounds. */
  private static double[] bucketProbabilities(TrafficModel.Behaviour b, int weight) {
    double median = b.latencyMedianMs() + b.latencyPerWeightMs() * weight;
    double[] p = new double[ISTIO_BUCKETS.length];
    double below = 0;
    for (int i = 0; i < ISTIO_BUCKETS.length; i++) {
      double upTo = Double.isInfinite(ISTIO_BUCKETS[i]) ? 1
          : b.latencySpread() == 0 ? (median <= ISTIO_BUCKETS[i] ? 1 : 0)
          : STANDARD_NORMAL.cumulativeProbability(Math.log(ISTIO_BUCKETS[i] / median) / b.latencySpread());
      p[i] = Math.max(0, upTo - below);
      below = Math.max(below, upTo);
    }
    return p;
  }

  private double successRate(TrafficModel.Behaviour b, long requests) {
    if (requests > AGGREGATE_ABOVE) {
      long errors = Draws.binomial(new SplittableRandom(random.nextLong()), requests, b.errorPercent() / 100.0);
      return 100.0 * (requests - errors) / requests;
    }
    long errors = 0;
    for (long i = 0; i < requests; i++) {
      if (random.nextDouble() < b.errorPercent() / 100.0) {
        errors++;
      }
    }
    return 100.0 * (requests - errors) / requests;
  }

  private double p99(TrafficModel.Behaviour b, long requests, int weight) {
    int samples = (int) Math.min(requests, MAX_STEP_SAMPLES);
    double[] ms = new double[samples];
    for (int i = 0; i < samples; i++) {
      ms[i] = latency(b, weight);
    }
    Arrays.sort(ms);
    return ms[Math.max(0, (int) Math.ceil(0.99 * samples) - 1)];
  }

  private double latency(TrafficModel.Behaviour b, int weight) {
    return (b.latencyMedianMs() + b.latencyPerWeightMs() * weight) * Math.exp(b.latencySpread() * random.nextGaussian());
  }
}
