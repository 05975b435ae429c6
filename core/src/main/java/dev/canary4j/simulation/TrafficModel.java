package dev.canary4j.simulation;

import java.util.Objects;

/**
 * Generates each tick's requests, errors and latencies for both versions from their traffic weights.
 * A version with weight {@code w} receives {@code requestsPerSecond * w / 100} requests per second
 * (the canary also receives the mirrored share and {@code loadTestRequestsPerSecond}); each request
 * fails with the version's error rate and takes a log-normally distributed time whose median grows
 * by {@code latencyPerWeightMs} for each point of weight.
 *
 * @param requestsPerSecond requests the service receives per second, above 0
 * @param loadTestRequestsPerSecond extra requests per second sent to the canary only, 0 or more
 * @param primary how the primary behaves
 * @param canary how the canary behaves
 */
public record TrafficModel(double requestsPerSecond, double loadTestRequestsPerSecond, Behaviour primary,
    Behaviour canary) {

  /**
   * How one version answers.
   *
   * @param errorPercent percentage of requests that fail, 0 to 100
   * @param latencyMedianMs median request duration in milliseconds, above 0
   * @param latencySpread standard deviation of the log of the duration, 0 or more (0.5 is a wide tail)
   * @param latencyPerWeightMs milliseconds added to the median per point of traffic weight (load)
   */
  public record Behaviour(double errorPercent, double latencyMedianMs, double latencySpread,
      double latencyPerWeightMs) {

    public Behaviour {
      if (!(errorPercent >= 0 && errorPercent <= 100)) {
        throw new IllegalArgumentException("errorRate: must be between 0% and 100%, but was " + errorPercent + "%");
      }
      if (!(latencyMedianMs > 0)) {
        throw new IllegalArgumentException("latencyMedianMs: must be greater than 0, but was " + latencyMedianMs);
      }
      if (!(latencySpread >= 0)) {
        throw new IllegalArgumentException("latencySpread: must not be negative, but was " + latencySpread);
      }
      if (!(latencyPerWeightMs >= 0)) {
        throw new IllegalArgumentException("latencyPerWeightMs: must not be negative, but was " + latencyPerWeightMs);
      }
    }

    /** A version failing {@code errorPercent} % of requests with a median of {@code medianMs}. */
    public static Behaviour of(double errorPercent, double medianMs) {
      return new Behaviour(errorPercent, medianMs, 0.3, 0);
    }
  }

  public TrafficModel {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(canary, "canary");
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond: must be greater than 0, but was " + requestsPerSecond);
    }
    if (!(loadTestRequestsPerSecond >= 0)) {
      throw new IllegalArgumentException(
          "loadTestRequestsPerSecond: must not be negative, but was " + loadTestRequestsPerSecond);
    }
  }

  /** {@code requestsPerSecond} shared by a primary and a canary behaving as given, no load test. */
  public static TrafficModel of(double requestsPerSecond, Behaviour primary, Behaviour canary) {
    return new TrafficModel(requestsPerSecond, 0, primary, canary);
  }
}
