package dev.canary4j.spi;

import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to measure one metric for the canary and the primary.
 *
 * @param target the workload under analysis
 * @param metric the metric and its query
 * @param end the end of the window (the tick's time)
 * @param window the window's length
 * @param rawSeries whether per-step series are wanted as well (for statistical judges)
 */
public record MetricQuery(Target target, MetricCheck metric, Instant end, Duration window, boolean rawSeries) {

  public MetricQuery {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(window, "window");
  }

  /** The start of the window. */
  public Instant start() {
    return end.minus(window);
  }
}
