package dev.canary4j.prometheus;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One labelled series of a query result: one sample for a vector, many for a matrix.
 *
 * <p>Values keep what Prometheus computed, including NaN and the infinities.
 *
 * @param labels the series' labels, sorted by name
 * @param timestamps epoch milliseconds of each sample, oldest first
 * @param values the value of each sample
 */
public record Series(Map<String, String> labels, long[] timestamps, double[] values) {

  /**
   * Checks that there is a value per timestamp, and copies the labels (sorted) and both arrays.
   *
   * @param labels the series' labels; not {@code null}
   * @param timestamps epoch milliseconds of each sample
   * @param values the value of each sample, as many as timestamps
   */
  public Series {
    Objects.requireNonNull(labels, "labels");
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values must have the same length, but were "
          + timestamps.length + " and " + values.length);
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    timestamps = timestamps.clone();
    values = values.clone();
  }

  /**
   * A series of a single sample.
   *
   * @param labels the series' labels; not {@code null}
   * @param timestamp the sample's time in epoch milliseconds
   * @param value the sample's value
   * @return a series of size 1
   */
  public static Series of(Map<String, String> labels, long timestamp, double value) {
    return new Series(labels, new long[] {timestamp}, new double[] {value});
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
   * The values (a copy).
   *
   * @return a new array of the values, in timestamp order
   */
  @Override
  public double[] values() {
    return values.clone();
  }

  /**
   * Number of samples.
   *
   * @return the number of samples, 1 for a vector's series
   */
  public int size() {
    return values.length;
  }

  /**
   * The value of the sample at {@code index}.
   *
   * @param index the sample's position, from 0 to {@code size() - 1}
   * @return the value, possibly NaN or infinite
   */
  public double valueAt(int index) {
    return values[index];
  }

  /**
   * The timestamp of the sample at {@code index}, in epoch milliseconds.
   *
   * @param index the sample's position, from 0 to {@code size() - 1}
   * @return the timestamp in epoch milliseconds
   */
  public long timestampAt(int index) {
    return timestamps[index];
  }

  /**
   * The value of the label {@code name}, or {@code null}.
   *
   * @param name the label's name, e.g. {@code code}
   * @return the label's value, or {@code null} when the series has no such label
   */
  public String label(String name) {
    return labels.get(name);
  }

  /** The label sets of the first few of {@code series} and how many there are, for a message of bounded length. */
  static String listed(java.util.List<Series> series) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(3, series.size()); i++) {
      out.append(i == 0 ? "" : ", ").append(dev.canary4j.spi.ErrorText.cap(series.get(i).labelsText(), 200));
    }
    return series.size() > 3 ? out + " and " + (series.size() - 3) + " more" : out.toString();
  }

  /**
   * The labels in PromQL selector form, for example <code>{code="500", job="api"}</code>.
   *
   * @return the selector text, <code>{}</code> for a series without labels
   */
  public String labelsText() {
    StringBuilder sb = new StringBuilder("{");
    labels.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    });
    return sb.append('}').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && labels.equals(s.labels) && Arrays.equals(timestamps, s.timestamps)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, Arrays.hashCode(timestamps), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "Series" + labelsText() + "[" + values.length + " samples]";
  }
}
