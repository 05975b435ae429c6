package dev.canary4j.prometheus;

import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;

/** Measures one kind of metric (the built-ins, or templates) from the answers to the queries it makes. */
interface MetricMeasurer {

  /** What {@code query} measures, reading each query's answer from {@code answers}. */
  MetricObservation measure(MetricQuery query, TickAnswers answers);
}
