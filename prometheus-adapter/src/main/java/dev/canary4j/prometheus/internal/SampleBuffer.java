package dev.canary4j.prometheus.internal;

import java.util.Arrays;
import java.util.Map;

/** Growable parallel arrays of timestamps and values, so that samples are not boxed while parsing. */
final class SampleBuffer {
  private long[] timestamps = new long[16];
  private double[] values = new double[16];
  private int size;

  void add(long timestamp, double value) {
    if (size == values.length) {
      int capacity = size * 2;
      timestamps = Arrays.copyOf(timestamps, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    timestamps[size] = timestamp;
    values[size] = value;
    size++;
  }

  int size() {
    return size;
  }

  /** A series of the samples added since the last call; the buffer is then empty again. */
  ParsedSeries drainTo(Map<String, String> labels) {
    ParsedSeries series = new ParsedSeries(labels, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
    size = 0;
    return series;
  }
}
