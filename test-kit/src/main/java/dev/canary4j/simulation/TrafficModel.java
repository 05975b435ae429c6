package dev.canary4j.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generates each tick's requests, errors and latencies for both versions from their traffic weights.
 * A version with weight {@code w} receives {@code requestsPerSecond * w / 100} requests per second
 * (the canary also receives the mirrored share and {@code loadTestRequestsPerSecond}); each request
 * fails with the version's error rate and takes a log-normally distributed time whose median grows
 * by {@code latencyPerWeightMs} for each point of weight.
 *
 * @param requestsPerSecond requests the service receives per second, above 0 and at most
 *     {@value #MAX_REQUESTS_PER_SECOND}
 * @param loadTestRequestsPerSecond extra requests per second sent to the canary only, 0 to
 *     {@value #MAX_REQUESTS_PER_SECOND}
 * @param primary how the primary behaves
 * @param canary how the canary behaves
 */
public record TrafficModel(double requestsPerSecond, double loadTestRequestsPerSecond, Behaviour primary,
    Behaviour canary) {

  /** The most requests per second a model may send: every request is drawn, so more would take too long. */
  public static final double MAX_REQUESTS_PER_SECOND = 10_000;
  /** The longest median latency, and latency added per point of weight, a model may name: one hour. */
  public static final double MAX_LATENCY_MS = 3_600_000;

  /**
   * How one version answers.
   *
   * @param errorPercent percentage of requests that fail, 0 to 100
   * @param latencyMedianMs median request duration in milliseconds, above 0 and at most an hour
   * @param latencySpread standard deviation of the log of the duration, 0 to 10 (0.5 is a wide tail)
   * @param latencyPerWeightMs milliseconds added to the median per point of traffic weight (load), 0 to an hour
   */
  public record Behaviour(double errorPercent, double latencyMedianMs, double latencySpread,
      double latencyPerWeightMs) {

    /**
     * Checks every field, naming every problem at once.
     *
     * @param errorPercent percentage of requests that fail, 0 to 100
     * @param latencyMedianMs median request duration in milliseconds, above 0 and at most an hour
     * @param latencySpread standard deviation of the log of the duration, 0 to 10
     * @param latencyPerWeightMs milliseconds added to the median per point of traffic weight, 0 to an hour
     */
    public Behaviour {
      List<String> problems = new ArrayList<>();
      if (!(errorPercent >= 0 && errorPercent <= 100)) {
        problems.add("errorRate: must be between 0% and 100%, but was " + errorPercent + "%");
      }
      if (!(latencyMedianMs > 0 && latencyMedianMs <= MAX_LATENCY_MS)) {
        problems.add("latencyMedianMs: must be greater than 0 and at most " + (long) MAX_LATENCY_MS + ", but was "
            + latencyMedianMs);
      }
      if (!(latencySpread >= 0 && latencySpread <= 10)) {
        problems.add("latencySpread: must be between 0 and 10, but was " + latencySpread);
      }
      if (!(latencyPerWeightMs >= 0 && latencyPerWeightMs <= MAX_LATENCY_MS)) {
        problems.add("latencyPerWeightMs: must be between 0 and " + (long) MAX_LATENCY_MS + ", but was "
            + latencyPerWeightMs);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
    }

    /**
     * A version failing {@code errorPercent} % of requests with a median of {@code medianMs}.
     *
     * @param errorPercent percentage of requests that fail, 0 to 100
     * @param medianMs median request duration in milliseconds, above 0 and at most an hour
     * @return a behaviour with a spread of 0.3 and no added latency per weight
     */
    public static Behaviour of(double errorPercent, double medianMs) {
      return new Behaviour(errorPercent, medianMs, 0.3, 0);
    }
  }

  /**
   * Checks both rates, naming every problem at once.
   *
   * @param requestsPerSecond requests the service receives per second; above 0 and at most
   *     {@value #MAX_REQUESTS_PER_SECOND}
   * @param loadTestRequestsPerSecond extra requests per second for the canary only; 0 to
   *     {@value #MAX_REQUESTS_PER_SECOND}
   * @param primary how the primary behaves; not {@code null}
   * @param canary how the canary behaves; not {@code null}
   */
  public TrafficModel {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(canary, "canary");
    List<String> problems = new ArrayList<>();
    if (!(requestsPerSecond > 0 && requestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
      problems.add("requestsPerSecond: must be greater than 0 and at most " + (long) MAX_REQUESTS_PER_SECOND
          + ", but was " + requestsPerSecond);
    }
    if (!(loadTestRequestsPerSecond >= 0 && loadTestRequestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
      problems.add("loadTestRequestsPerSecond: must be between 0 and " + (long) MAX_REQUESTS_PER_SECOND
          + ", but was " + loadTestRequestsPerSecond);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * {@code requestsPerSecond} shared by a primary and a canary behaving as given, no load test.
   *
   * @param requestsPerSecond requests the service receives per second; above 0 and at most
   *     {@value #MAX_REQUESTS_PER_SECOND}
   * @param primary how the primary behaves
   * @param canary how the canary behaves
   * @return a model without load test traffic
   */
  public static TrafficModel of(double requestsPerSecond, Behaviour primary, Behaviour canary) {
    return new TrafficModel(requestsPerSecond, 0, primary, canary);
  }
}
