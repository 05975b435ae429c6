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
 * @param rawSeries whether per-step series are wanted as well (for the Mann-Whitney judge)
 * @param requestCounts whether request counts are wanted as well (for the sequential judge): requests
 *     and errors for {@value MetricCheck#REQUEST_SUCCESS_RATE}, the latency histogram for
 *     {@value MetricCheck#REQUEST_DURATION}
 */
public record MetricQuery(Target target, MetricCheck metric, Instant end, Duration window, boolean rawSeries,
    boolean requestCounts) {

  /**
   * Checks that target, metric, end and window are given.
   *
   * @param target the workload under analysis; not {@code null}
   * @param metric the metric and its query; not {@code null}
   * @param end the end of the window; not {@code null}
   * @param window the window's length; not {@code null}
   * @param rawSeries whether per-step series are wanted as well
   * @param requestCounts whether request counts are wanted as well
   */
  public MetricQuery {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(window, "window");
  }

  /**
   * A query without request counts.
   *
   * @param target the workload under analysis; not {@code null}
   * @param metric the metric and its query; not {@code null}
   * @param end the end of the window; not {@code null}
   * @param window the window's length; not {@code null}
   * @param rawSeries whether per-step series are wanted as well
   */
  public MetricQuery(Target target, MetricCheck metric, Instant end, Duration window, boolean rawSeries) {
    this(target, metric, end, window, rawSeries, false);
  }

  /**
   * This query with its window ending at {@code end}.
   *
   * @param end the new end of the window; the window's length stays
   * @return a copy of this query that ends at {@code end}
   */
  public MetricQuery endingAt(Instant end) {
    return new MetricQuery(target, metric, end, window, rawSeries, requestCounts);
  }

  /**
   * The start of the window.
   *
   * @return {@code end} minus {@code window}
   */
  public Instant start() {
    return end.minus(window);
  }
}
