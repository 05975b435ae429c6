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
 * @param canaryCounts the canary's request counts over the window, {@code null} unless asked for
 * @param primaryCounts the primary's request counts over the window, {@code null} unless asked for
 */
public record MetricObservation(Measurement canary, Measurement primary, MetricSeries canarySeries,
    MetricSeries primarySeries, RequestCounts canaryCounts, RequestCounts primaryCounts) {

  /**
   * Checks that both measurements are given; {@code null} series become empty.
   *
   * @param canary the canary's value and the traffic behind it; not {@code null}
   * @param primary the primary's value and the traffic behind it; not {@code null}
   * @param canarySeries per-step values of the canary, or {@code null}
   * @param primarySeries per-step values of the primary, or {@code null}
   * @param canaryCounts the canary's request counts, or {@code null} unless asked for
   * @param primaryCounts the primary's request counts, or {@code null} unless asked for
   */
  public MetricObservation {
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(primary, "primary");
    canarySeries = canarySeries == null ? MetricSeries.empty() : canarySeries;
    primarySeries = primarySeries == null ? MetricSeries.empty() : primarySeries;
  }

  /**
   * An observation of values and series, without request counts.
   *
   * @param canary the canary's value and the traffic behind it
   * @param primary the primary's value and the traffic behind it
   * @param canarySeries per-step values of the canary, or {@code null}
   * @param primarySeries per-step values of the primary, or {@code null}
   */
  public MetricObservation(Measurement canary, Measurement primary, MetricSeries canarySeries,
      MetricSeries primarySeries) {
    this(canary, primary, canarySeries, primarySeries, null, null);
  }

  /**
   * An observation of values only.
   *
   * @param canary the canary's value and the traffic behind it
   * @param primary the primary's value and the traffic behind it
   * @return an observation with empty series and no request counts
   */
  public static MetricObservation of(Measurement canary, Measurement primary) {
    return new MetricObservation(canary, primary, null, null);
  }

  /**
   * This observation with the request counts of both versions.
   *
   * @param canaryCounts the canary's request counts over the window
   * @param primaryCounts the primary's request counts over the window
   * @return a new observation; this one is unchanged
   */
  public MetricObservation withCounts(RequestCounts canaryCounts, RequestCounts primaryCounts) {
    return new MetricObservation(canary, primary, canarySeries, primarySeries, canaryCounts, primaryCounts);
  }
}
