package dev.canary4j.spi;

/**
 * Measures metrics of the canary and the primary. Implementations are thread-safe; failures are
 * thrown as {@link TransientAdapterException} or {@link PermanentAdapterException}.
 */
public interface MetricSource {

  /** Measures {@code query.metric()} for both versions over the query's window. */
  MetricObservation measure(MetricQuery query);
}
