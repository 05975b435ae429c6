package dev.canary4j.spi;

import dev.canary4j.judge.Measurement;
import java.util.Objects;

/**
 * What a metric source measured for the canary and the primary over one window.
 *
 * @param canary the canary's value and the traffic behind it
 * @param primary the primary's value and the traffic behind it
 * @param canarySeries per-step values of the canary, empty unless asked for
 * @param primarySeries per-step values of the primary, empty unless asked for
 */
public record MetricObservation(Measurement canary, Measurement primary, MetricSeries canarySeries,
    MetricSeries primarySeries) {

  public MetricObservation {
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(primary, "primary");
    canarySeries = canarySeries == null ? MetricSeries.empty() : canarySeries;
    primarySeries = primarySeries == null ? MetricSeries.empty() : primarySeries;
  }

  /** An observation of values only. */
  public static MetricObservation of(Measurement canary, Measurement primary) {
    return new MetricObservation(canary, primary, null, null);
  }
}
