package dev.canary4j.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scripted values of one metric: the {@code i}-th analysis of the metric gets the {@code i}-th
 * value (counting from the first analysis of the run); the last value repeats after the end.
 *
 * @param canary the canary's values, at least one
 * @param primary the primary's values, or empty to use the canary's
 * @param requests requests reported behind every value
 */
public record MetricScript(List<Sample> canary, List<Sample> primary, long requests) {

  /** One scripted value: a number, no data, or a provider error. */
  public record Sample(Double value, boolean error) {

    /**
     * A sample with {@code value}.
     *
     * @param value the metric's value
     * @return a sample holding {@code value}
     */
    public static Sample of(double value) {
      return new Sample(value, false);
    }

    /**
     * A sample without data.
     *
     * @return a sample for which the metric source answers without data
     */
    public static Sample noData() {
      return new Sample(null, false);
    }

    /**
     * A sample whose provider failed.
     *
     * @return a sample for which the metric source throws
     */
    public static Sample providerError() {
      return new Sample(null, true);
    }
  }

  /**
   * Copies the lists and checks them, naming every problem at once.
   *
   * @param canary the canary's values; at least one, each finite or without value
   * @param primary the primary's values, or {@code null} or empty to use the canary's
   * @param requests requests behind every value; zero or more
   */
  public MetricScript {
    Objects.requireNonNull(canary, "canary");
    canary = List.copyOf(canary);
    primary = primary == null ? List.of() : List.copyOf(primary);
    List<String> problems = new ArrayList<>();
    if (canary.isEmpty()) {
      problems.add("canary: must list at least one value");
    }
    if (requests < 0) {
      problems.add("requests: must not be negative, but was " + requests);
    }
    for (int i = 0; i < canary.size(); i++) {
      checkFinite(problems, "canary[" + i + "]", canary.get(i));
    }
    for (int i = 0; i < primary.size(); i++) {
      checkFinite(problems, "primary[" + i + "]", primary.get(i));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static void checkFinite(List<String> problems, String path, Sample sample) {
    if (sample != null && sample.value() != null && !Double.isFinite(sample.value())) {
      problems.add(path + ": must be a finite number, but was " + sample.value());
    }
  }

  /**
   * Canary values {@code values} (the primary shows the same), with 1000 requests behind each.
   *
   * @param values the canary's values, one per analysis; at least one, all finite
   * @return a script in which the primary shows the canary's values
   */
  public static MetricScript of(double... values) {
    return new MetricScript(java.util.Arrays.stream(values).mapToObj(Sample::of).toList(), List.of(), 1000);
  }

  Sample canaryAt(int analysis) {
    return canary.get(Math.min(analysis, canary.size() - 1));
  }

  Sample primaryAt(int analysis) {
    return primary.isEmpty() ? canaryAt(analysis) : primary.get(Math.min(analysis, primary.size() - 1));
  }
}
