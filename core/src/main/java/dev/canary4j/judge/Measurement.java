package dev.canary4j.judge;

/**
 * One version's value of a metric over a window, with the traffic behind it.
 *
 * <p>A missing value ({@code null}) means there was nothing to measure (no series, 0/0); it is
 * different from a NaN or infinite value that a query computed, which is kept as it is.
 *
 * @param value the measured value, or {@code null} when there is no data
 * @param requests requests behind the value, or -1 when unknown
 * @param samples samples behind the value (for example series points), or -1 when unknown
 */
public record Measurement(Double value, long requests, long samples) {

  /**
   * A value with unknown traffic behind it.
   *
   * @param value the measured value
   * @return a measurement without request count
   */
  public static Measurement of(double value) {
    return new Measurement(value, -1, -1);
  }

  /**
   * A value with {@code requests} requests behind it.
   *
   * @param value the measured value
   * @param requests requests behind it, or -1 when unknown
   * @return the measurement
   */
  public static Measurement of(double value, long requests) {
    return new Measurement(value, requests, -1);
  }

  /**
   * No data: nothing was returned for this version.
   *
   * @return a measurement without value
   */
  public static Measurement noData() {
    return new Measurement(null, 0, 0);
  }

  /**
   * Whether a value was measured (it may still be NaN or infinite).
   *
   * @return {@code true} unless this is {@link #noData()}
   */
  public boolean hasValue() {
    return value != null;
  }
}
