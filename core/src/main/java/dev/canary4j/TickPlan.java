package dev.canary4j;

import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.MetricCheck;
import java.util.List;

/**
 * What the host should observe before the next {@link Input.Tick}: the metrics to measure and the
 * gates to ask, as {@link CanaryMachine#plan} derives them from the phase.
 *
 * @param metrics metrics to measure and judge; empty when no analysis is due
 * @param gates gates to ask
 */
public record TickPlan(List<MetricCheck> metrics, List<GateSpec> gates) {

  /**
   * Copies the lists.
   *
   * @param metrics metrics to measure and judge; empty when no analysis is due
   * @param gates gates to ask
   */
  public TickPlan {
    metrics = List.copyOf(metrics);
    gates = List.copyOf(gates);
  }

  /**
   * Whether an analysis is due this tick.
   *
   * @return {@code true} when there are metrics to measure
   */
  public boolean analyse() {
    return !metrics.isEmpty();
  }
}
