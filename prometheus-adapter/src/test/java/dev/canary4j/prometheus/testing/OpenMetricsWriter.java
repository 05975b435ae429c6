package dev.canary4j.prometheus.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes metric families as OpenMetrics text, the input of {@code promtool tsdb create-blocks-from openmetrics}.
 *
 * <p>Samples are collected per family and written family by family (OpenMetrics forbids interleaving),
 * each series in time order, with timestamps in seconds and the closing {@code # EOF}.
 */
public final class OpenMetricsWriter {
  private final Map<String, Family> families = new LinkedHashMap<>();

  private record Family(String type, StringBuilder samples) {}

  /**
   * Adds a counter series of family {@code family} (samples are written as {@code <family>_total}).
   *
   * @param timestamps epoch milliseconds of each sample
   * @param totals the counter's value at each timestamp (non-decreasing)
   */
  public OpenMetricsWriter counter(String family, Map<String, String> labels, long[] timestamps, double[] totals) {
    requireSameLength(timestamps.length, totals.length, "totals");
    StringBuilder out = family(family, "counter");
    String name = family + "_total" + labels(labels, null);
    for (int i = 0; i < timestamps.length; i++) {
      sample(out, name, totals[i], timestamps[i]);
    }
    return this;
  }

  /**
   * Adds a histogram series of family {@code family}: at each timestamp the cumulative bucket counts,
   * then {@code _count} and {@code _sum}.
   *
   * @param upperBounds finite bucket bounds, ascending; a {@code +Inf} bucket is added
   * @param timestamps epoch milliseconds of each sample
   * @param cumulativeBuckets for each timestamp, the cumulative count of each finite bucket and then of {@code +Inf}
   * @param sums for each timestamp, the sum of all observations
   */
  public OpenMetricsWriter histogram(String family, Map<String, String> labels, double[] upperBounds, long[] timestamps,
      long[][] cumulativeBuckets, double[] sums) {
    requireSameLength(timestamps.length, cumulativeBuckets.length, "cumulativeBuckets");
    requireSameLength(timestamps.length, sums.length, "sums");
    StringBuilder out = family(family, "histogram");
    String[] bucketNames = new String[upperBounds.length + 1];
    for (int b = 0; b <= upperBounds.length; b++) {
      bucketNames[b] = family + "_bucket" + labels(labels, b < upperBounds.length ? number(upperBounds[b]) : "+Inf");
    }
    String countName = family + "_count" + labels(labels, null);
    String sumName = family + "_sum" + labels(labels, null);
    for (int i = 0; i < timestamps.length; i++) {
      requireSameLength(upperBounds.length + 1, cumulativeBuckets[i].length, "cumulativeBuckets[" + i + "]");
      for (int b = 0; b <= upperBounds.length; b++) {
        sample(out, bucketNames[b], cumulativeBuckets[i][b], timestamps[i]);
      }
      sample(out, countName, cumulativeBuckets[i][upperBounds.length], timestamps[i]);
      sample(out, sumName, sums[i], timestamps[i]);
    }
    return this;
  }

  /** The whole exposition, ending in {@code # EOF}. */
  public String text() {
    StringBuilder out = new StringBuilder();
    families.forEach((name, family) -> out.append("# TYPE ").append(name).append(' ').append(family.type).append('\n')
        .append(family.samples));
    return out.append("# EOF\n").toString();
  }

  /** Writes {@link #text()} to {@code file}. */
  public Path writeTo(Path file) throws IOException {
    return Files.writeString(file, text(), StandardCharsets.UTF_8);
  }

  private StringBuilder family(String name, String type) {
    Family family = families.computeIfAbsent(name, n -> new Family(type, new StringBuilder()));
    if (!family.type.equals(type)) {
      throw new IllegalArgumentException("family " + name + " is a " + family.type + ", not a " + type);
    }
    return family.samples;
  }

  private static void sample(StringBuilder out, String name, double value, long timestampMillis) {
    out.append(name).append(' ').append(number(value)).append(' ')
        .append(timestampMillis / 1000).append('.').append(String.format(Locale.ROOT, "%03d", timestampMillis % 1000)).append('\n');
  }

  private static String labels(Map<String, String> labels, String le) {
    Map<String, String> all = new TreeMap<>(labels);
    if (le != null) {
      all.put("le", le);
    }
    StringBuilder sb = new StringBuilder("{");
    all.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    });
    return sb.append('}').toString();
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static void requireSameLength(int expected, int actual, String what) {
    if (expected != actual) {
      throw new IllegalArgumentException(what + " must have " + expected + " entries, but had " + actual);
    }
  }
}
