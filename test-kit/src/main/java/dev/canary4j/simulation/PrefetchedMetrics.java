package dev.canary4j.simulation;

import dev.canary4j.analysis.MetricJudges;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.RangeMetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay's metrics measured for all its ticks before it starts, one {@link RangeMetricSource#measureRange}
 * per metric, and served to the runner when it asks for the very query it made at a tick. Any other
 * query goes to the source itself. A metric whose range measurement failed is measured tick by tick
 * instead, so that its failure shows in each tick's verdict as it would have without the range.
 */
final class PrefetchedMetrics implements MetricSource {
  private final RangeMetricSource source;
  private final Map<MetricQuery, MetricObservation> measured;

  private PrefetchedMetrics(RangeMetricSource source, Map<MetricQuery, MetricObservation> measured) {
    this.source = source;
    this.measured = measured;
  }

  /** Measures every metric of {@code policy} at each of {@code ticks} ticks from {@code start}, a tick interval apart. */
  static PrefetchedMetrics measure(CanaryPolicy policy, Instant start, int ticks, RangeMetricSource source) {
    Duration step = policy.analysis().tickInterval();
    Map<MetricQuery, MetricObservation> measured = new HashMap<>();
    for (MetricCheck check : policy.analysis().metrics()) {
      if (!MetricJudges.supports(check)) {
        continue; // the runner judges it as an error without measuring
      }
      MetricQuery first = MetricJudges.queryAt(policy, check, start);
      List<MetricObservation> seen;
      try {
        seen = source.measureRange(first, step, ticks);
      } catch (AdapterException e) {
        continue;
      }
      if (seen == null || seen.size() != ticks) {
        throw new IllegalStateException("the metric source " + source.getClass().getName() + " measured metric '"
            + check.name() + "' at " + (seen == null ? "no" : String.valueOf(seen.size())) + " times, but was asked for "
            + ticks);
      }
      for (int i = 0; i < ticks; i++) {
        measured.put(first.endingAt(start.plus(step.multipliedBy(i))), seen.get(i));
      }
    }
    return new PrefetchedMetrics(source, measured);
  }

  @Override
  public MetricObservation measure(MetricQuery query) {
    MetricObservation seen = measured.get(query);
    return seen != null ? seen : source.measure(query);
  }
}
