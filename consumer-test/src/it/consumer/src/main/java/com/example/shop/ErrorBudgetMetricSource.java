package com.example.shop;

import dev.canary4j.judge.Measurement;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import java.util.function.DoubleSupplier;

/** A user's own metric source: the canary's success rate from a supplier, the primary at 99.9 %. */
public final class ErrorBudgetMetricSource implements MetricSource {

  private final DoubleSupplier canarySuccessRate;

  /** Reads the canary's success rate from {@code canarySuccessRate} at every query. */
  public ErrorBudgetMetricSource(DoubleSupplier canarySuccessRate) {
    this.canarySuccessRate = canarySuccessRate;
  }

  @Override
  public MetricObservation measure(MetricQuery query) {
    if (!query.metric().name().equals("request-success-rate")) {
      throw new IllegalArgumentException("Expected request-success-rate but was " + query.metric().name());
    }
    return MetricObservation.of(Measurement.of(canarySuccessRate.getAsDouble(), 500), Measurement.of(99.9, 5000));
  }
}
