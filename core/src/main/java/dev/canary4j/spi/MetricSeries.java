package dev.canary4j.spi;

import java.util.Arrays;

/**
 * Per-step values of one version's metric over a window, oldest first.
 *
 * @param timestamps epoch milliseconds of each point
 * @param values the value at each point; NaN where the query computed NaN
 */
public record MetricSeries(long[] timestamps, double[] values) {

  /**
   * Checks that there is a value per timestamp and copies both arrays.
   *
   * @param timestamps epoch milliseconds of each point, oldest first
   * @param values the value at each point, as many as timestamps
   */
  public MetricSeries {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values must have the same length, but were "
          + timestamps.length + " and " + values.length);
    }
    timestamps = timestamps.clone();
    values = values.clone();
  }

  /**
   * An empty series.
   *
   * @return a series without points
   */
  public static MetricSeries empty() {
    return new MetricSeries(new long[0], new double[0]);
  }

  /**
   * The values (a copy).
   *
   * @return a new array of the values, oldest first
   */
  @Override
  public double[] values() {
    return values.clone();
  }

  /**
   * The timestamps (a copy).
   *
   * @return a new array of epoch milliseconds, oldest first
   */
  @Override
  public long[] timestamps() {
    return timestamps.clone();
  }

  /**
   * Number of points.
   *
   * @return the number of points, 0 for an empty series
   */
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricSeries s && Arrays.equals(timestamps, s.timestamps) && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(timestamps) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "MetricSeries[" + values.length + " points]";
  }
}
