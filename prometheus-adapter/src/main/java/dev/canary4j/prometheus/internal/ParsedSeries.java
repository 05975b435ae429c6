package dev.canary4j.prometheus.internal;

import java.util.Map;

/**
 * One series as the parser read it, before it becomes the adapter's public {@code Series}; the arrays
 * are handed over, not copied.
 *
 * @param labels the series' labels, never {@code null} (empty for a scalar)
 * @param timestamps epoch milliseconds of each sample, in the order Prometheus sent them
 * @param values the value of each sample, as long as {@code timestamps}; NaN and the infinities kept
 */
public record ParsedSeries(Map<String, String> labels, long[] timestamps, double[] values) {}
