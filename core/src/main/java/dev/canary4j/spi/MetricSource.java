package dev.canary4j.spi;

/**
 * Measures metrics of the canary and the primary. Implementations are thread-safe; failures are
 * thrown as {@link TransientAdapterException} or {@link PermanentAdapterException}.
 */
public interface MetricSource {

  /**
   * Measures {@code query.metric()} for both versions over the query's window.
   *
   * @param query the target, metric, window and what to measure besides the values
   * @return the values (and series or counts when asked for) of both versions; a failure is thrown as an
   *     adapter exception
   */
  MetricObservation measure(MetricQuery query);
}
