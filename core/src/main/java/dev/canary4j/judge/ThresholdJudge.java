package dev.canary4j.judge;

import dev.canary4j.internal.SignificantFigures;
import dev.canary4j.policy.MetricCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a metric against absolute bounds and bounds relative to the primary, as Flagger's
 * threshold ranges do, but with {@code NO_DATA} as its own outcome instead of a failure.
 *
 * <p>Order of checks: data present, enough requests and samples, value finite (NaN, +Inf and -Inf
 * are {@code NO_DATA}, never compared with a bound), then the absolute
 * bounds, then the relative ones. The first failed bound decides the label; every bound applied is
 * listed in {@link Verdict#threshold()}. Stateless and thread-safe.
 */
public final class ThresholdJudge {

  private ThresholdJudge() {}

  /**
   * Judges {@code canary} (and, for relative bounds, {@code primary}) against {@code check}.
   *
   * @param check the metric and its thresholds
   * @param canary the canary's measurement
   * @param primary the primary's measurement, used by relative thresholds
   * @return the verdict
   */
  public static Verdict judge(MetricCheck check, Measurement canary, Measurement primary) {
    String metric = check.name();
    boolean critical = check.critical();
    String threshold = describe(check);
    Double primaryValue = primary != null && primary.hasValue() ? primary.value() : null;
    String missing = whyNoData("canary", check, canary);
    if (missing != null) {
      // The primary's value was measured all the same; a report shows it next to the missing canary.
      return new Verdict(metric, VerdictLabel.NO_DATA, null, primaryValue, threshold, missing, critical, Map.of());
    }
    double value = canary.value();
    if (check.min() != null && value < check.min()) {
      return verdict(check, VerdictLabel.FAIL_LOW, value, primaryValue, threshold,
          "canary " + fmt(value) + " is below the minimum " + fmt(check.min()));
    }
    if (check.max() != null && value > check.max()) {
      return verdict(check, VerdictLabel.FAIL_HIGH, value, primaryValue, threshold,
          "canary " + fmt(value) + " is above the maximum " + fmt(check.max()));
    }
    if (check.maxIncrease() != null || check.maxDecrease() != null) {
      String primaryMissing = whyNoData("primary", check, primary);
      if (primaryMissing != null) {
        return new Verdict(metric, VerdictLabel.NO_DATA, value, primaryValue, threshold,
            primaryMissing + ", so the relative threshold cannot be judged", critical, Map.of());
      }
      double base = primary.value();
      if (check.maxIncrease() != null) {
        double limit = base + Math.abs(base) * check.maxIncrease() / 100.0;
        if (value > limit) {
          return verdict(check, VerdictLabel.FAIL_HIGH, value, base, threshold, "canary " + fmt(value)
              + " is more than " + fmt(check.maxIncrease()) + "% above the primary's " + fmt(base) + " (limit " + fmt(limit) + ")");
        }
      }
      if (check.maxDecrease() != null) {
        double limit = base - Math.abs(base) * check.maxDecrease() / 100.0;
        if (value < limit) {
          return verdict(check, VerdictLabel.FAIL_LOW, value, base, threshold, "canary " + fmt(value)
              + " is more than " + fmt(check.maxDecrease()) + "% below the primary's " + fmt(base) + " (limit " + fmt(limit) + ")");
        }
      }
    }
    return verdict(check, VerdictLabel.PASS, value, primaryValue, threshold, "canary " + fmt(value) + " is within " + threshold);
  }

  private static Verdict verdict(MetricCheck check, VerdictLabel label, double value, Double primary, String threshold, String reason) {
    return Verdict.of(check.name(), label, value, primary, threshold, reason, check.critical());
  }

  private static String whyNoData(String version, MetricCheck check, Measurement m) {
    if (m == null || !m.hasValue()) {
      return "no data for the " + version;
    }
    if (check.minRequests() > 0 && m.requests() < check.minRequests()) {
      return m.requests() < 0
          ? "the " + version + "'s request count is unknown but minRequests is " + check.minRequests()
          : "the " + version + " served " + m.requests() + " requests, fewer than minRequests " + check.minRequests();
    }
    if (check.minSamples() > 0 && m.samples() < check.minSamples()) {
      return m.samples() < 0
          ? "the " + version + "'s sample count is unknown but minSamples is " + check.minSamples()
          : "the " + version + " has " + m.samples() + " samples, fewer than minSamples " + check.minSamples();
    }
    double value = m.value();
    if (!Double.isFinite(value)) {
      // A query that divides by zero answers +Inf or -Inf; compared as a number it would pass a
      // min or a max bound, so it is no data, like NaN.
      return "the " + version + "'s value is " + (Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf")
          + ", not a finite number";
    }
    return null;
  }

  /**
   * The thresholds of {@code check} in words, for example {@code >= 99 and <= primary +10%}.
   *
   * @param check the metric
   * @return the thresholds as text, for example {@code >= 99}
   */
  public static String describe(MetricCheck check) {
    List<String> parts = new ArrayList<>();
    if (check.min() != null) {
      parts.add(">= " + fmt(check.min()));
    }
    if (check.max() != null) {
      parts.add("<= " + fmt(check.max()));
    }
    if (check.maxIncrease() != null) {
      parts.add("<= primary +" + fmt(check.maxIncrease()) + "%");
    }
    if (check.maxDecrease() != null) {
      parts.add(">= primary -" + fmt(check.maxDecrease()) + "%");
    }
    return String.join(" and ", parts);
  }

  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    return SignificantFigures.trimmed(d, 6);
  }
}
