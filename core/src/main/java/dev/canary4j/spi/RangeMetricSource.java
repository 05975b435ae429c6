package dev.canary4j.spi;

import java.time.Duration;
import java.util.List;

/**
 * A {@link MetricSource} that measures one metric at many evenly spaced times in a few calls, as a
 * replay over recorded data needs (a backtest). A replay asks a plain {@code MetricSource} once per
 * time instead, which gives the same result with more calls.
 *
 * <p>Implementations are thread-safe; failures are thrown as {@link TransientAdapterException} or
 * {@link PermanentAdapterException}, for the whole range.
 */
public interface RangeMetricSource extends MetricSource {

  /**
   * Measures {@code first.metric()} at {@code count} times, {@code first.end()}, {@code first.end() + step},
   * and so on, each over {@code first.window()}: element {@code i} is what {@link #measure} returns for
   * {@code first} ending at {@code first.end() + i * step}.
   *
   * @param first the query of the first time; later times keep its metric, target and window
   * @param step the distance between two consecutive times; positive
   * @param count how many times to measure; at least 1
   * @return {@code count} observations in time order, one per time
   * @throws IllegalArgumentException when {@code step} is not positive or {@code count} is below 1
   */
  List<MetricObservation> measureRange(MetricQuery first, Duration step, int count);
}
