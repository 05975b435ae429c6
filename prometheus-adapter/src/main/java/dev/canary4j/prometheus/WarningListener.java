package dev.canary4j.prometheus;

import dev.canary4j.spi.MetricQuery;
import java.util.List;

/**
 * Receives the warnings Prometheus attached to an answer (a partial response, a dropped series),
 * which the measurement itself cannot carry. Called on the measuring thread; must not throw.
 */
@FunctionalInterface
public interface WarningListener {

  /**
   * Prometheus answered {@code promql}, run for {@code query}, with {@code warnings}.
   *
   * @param query the runner's question the query was run for
   * @param promql the PromQL text that was sent
   * @param warnings the warnings as Prometheus worded them; not empty
   */
  void onWarnings(MetricQuery query, String promql, List<String> warnings);

  /**
   * A listener that drops warnings.
   *
   * @return a listener that does nothing
   */
  static WarningListener ignoring() {
    return (query, promql, warnings) -> { };
  }
}
