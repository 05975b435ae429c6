package dev.canary4j.prometheus.testing;

import java.time.Duration;
import java.util.Arrays;

/**
 * Steady traffic of one workload, as counts per scrape interval, with the figures Prometheus should
 * compute from it.
 *
 * <p>Because every counter grows by the same amount each interval, {@code increase} and {@code rate}
 * scale all series by the same factor, so the success rate and the interpolated p99 are exact.
 *
 * @param successesPerScrape non-5xx responses per scrape interval
 * @param errorsPerScrape 5xx responses per scrape interval
 * @param latencyPerScrape responses per scrape interval in each bucket of {@link IstioTraffic#BUCKETS},
 *     then in the {@code +Inf} bucket; must add up to all responses
 */
public record WorkloadTraffic(long successesPerScrape, long errorsPerScrape, long[] latencyPerScrape) {

  public WorkloadTraffic {
    if (latencyPerScrape.length != IstioTraffic.BUCKETS.length + 1) {
      throw new IllegalArgumentException("latencyPerScrape must have " + (IstioTraffic.BUCKETS.length + 1)
          + " entries (one per bucket and +Inf), but had " + latencyPerScrape.length);
    }
    if (Arrays.stream(latencyPerScrape).sum() != successesPerScrape + errorsPerScrape) {
      throw new IllegalArgumentException("latencyPerScrape must add up to " + (successesPerScrape + errorsPerScrape)
          + " responses, but added up to " + Arrays.stream(latencyPerScrape).sum());
    }
    latencyPerScrape = latencyPerScrape.clone();
  }

  /** No requests at all: counters that stay at zero. */
  public static WorkloadTraffic idle() {
    return new WorkloadTraffic(0, 0, new long[IstioTraffic.BUCKETS.length + 1]);
  }

  /** Responses per scrape interval in each bucket (a copy). */
  @Override
  public long[] latencyPerScrape() {
    return latencyPerScrape.clone();
  }

  /** All responses per scrape interval. */
  public long requestsPerScrape() {
    return successesPerScrape + errorsPerScrape;
  }

  /** Percentage of non-5xx responses. */
  public double successRatePercent() {
    return 100.0 * successesPerScrape / requestsPerScrape();
  }

  /** Requests in a window of {@code window}, given a scrape every {@code scrapeInterval}. */
  public double requestsIn(Duration window, Duration scrapeInterval) {
    return (double) requestsPerScrape() * window.toMillis() / scrapeInterval.toMillis();
  }

  /** The 99th percentile in milliseconds as {@code histogram_quantile} interpolates it. */
  public double p99Millis() {
    return quantile(0.99);
  }

  /**
   * The {@code q} quantile as Prometheus' {@code histogram_quantile} computes it: find the first bucket
   * whose cumulative count reaches {@code q} times the total, and interpolate linearly inside it
   * (from 0 for the first bucket); a rank in the {@code +Inf} bucket gives the highest finite bound.
   */
  public double quantile(double q) {
    double[] bounds = IstioTraffic.BUCKETS;
    double rank = q * requestsPerScrape();
    long below = 0;
    for (int b = 0; b < latencyPerScrape.length; b++) {
      long cumulative = below + latencyPerScrape[b];
      if (cumulative >= rank) {
        if (b == bounds.length) {
          return bounds[bounds.length - 1];
        }
        double lower = b == 0 ? 0 : bounds[b - 1];
        return lower + (bounds[b] - lower) * ((rank - below) / latencyPerScrape[b]);
      }
      below = cumulative;
    }
    return Double.NaN;
  }
}
