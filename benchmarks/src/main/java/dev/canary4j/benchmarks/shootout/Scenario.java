package dev.canary4j.benchmarks.shootout;

/**
 * What the canary does differently from the primary.
 *
 * @param name the scenario's label in the table
 * @param canaryErrorRate the canary's error rate (the primary's is the traffic model's)
 * @param latencyScale factor applied to every canary latency (1.15 raises the p99 by 15 %)
 */
record Scenario(String name, double canaryErrorRate, double latencyScale) {

  /** Whether the canary is as good as the primary. */
  boolean good(TrafficModel model) {
    return canaryErrorRate == model.primaryErrorRate() && latencyScale == 1.0;
  }
}
