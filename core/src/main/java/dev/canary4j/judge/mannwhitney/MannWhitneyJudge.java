package dev.canary4j.judge.mannwhitney;

import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.MetricCheck;
import java.util.Arrays;
import java.util.Locale;

/**
 * Compares a canary's sample of a metric with the baseline's the way Kayenta's NetflixACAJudge does:
 * a Mann-Whitney test with the Hodges-Lehmann interval, gated by a tolerance and an effect size.
 *
 * <p>Order of checks, as in Kayenta: an empty sample is NO_DATA (NO_DATA_FAIL when the metric must have
 * data; PASS when NaNs are replaced, since an empty counter means no events); identical samples, or a
 * single value across both, PASS; otherwise HIGH when the interval's lower end is above
 * {@code tolerance x |estimate|} (LOW symmetrically, in the judged direction), then the effect-size
 * thresholds decide whether the failure stands and whether it is critical. Unlike Kayenta, the interval
 * is exact (see {@link HodgesLehmann}) and every figure is returned. Pure and thread-safe.
 */
public final class MannWhitneyJudge {

  private MannWhitneyJudge() {}

  /**
   * Judges {@code check}, whose judge must be a {@link MannWhitneyConfig}, from the canary's and the
   * primary's samples (for example the per-step values of a range query); neither array is changed.
   *
   * @param check the metric, with a {@link MannWhitneyConfig} judge
   * @param canary the canary's samples over the window
   * @param primary the primary's samples over the window, the baseline
   * @return the verdict, with the test's figures among its statistics
   */
  public static Verdict judge(MetricCheck check, double[] canary, double[] primary) {
    if (!(check.judge() instanceof MannWhitneyConfig config)) {
      throw new IllegalArgumentException("Expected metric '" + check.name() + "' to have a "
          + MannWhitneyConfig.JUDGE_NAME + " judge but was " + (check.judge() == null ? "none" : check.judge().judgeName()));
    }
    MannWhitneyConfig effective = check.critical() && !config.critical()
        ? MannWhitneyConfig.from(config).critical(true).build() : config;
    return classify(check.name(), canary, primary, effective).toVerdict();
  }

  /**
   * Classifies the canary's values of {@code metric} against the baseline's.
   *
   * @param metric the metric's name, for the result and its reason
   * @param canaryValues the canary's values; NaN handled as {@code config} says
   * @param baselineValues the baseline's values; NaN handled as {@code config} says
   * @param config the judge's configuration
   * @return Kayenta's label with every figure behind it
   */
  public static MannWhitneyResult classify(String metric, double[] canaryValues, double[] baselineValues,
      MannWhitneyConfig config) {
    double[] canary = SamplePreparation.prepare(canaryValues, config);
    double[] baseline = SamplePreparation.prepare(baselineValues, config);
    Outcome o = new Outcome(metric, config, canary.length, baseline.length, mean(canary), mean(baseline));
    if (canary.length == 0 || baseline.length == 0) {
      String which = canary.length == 0 && baseline.length == 0 ? "the canary and the baseline"
          : canary.length == 0 ? "the canary" : "the baseline";
      if (config.mustHaveData()) {
        return o.plain(MannWhitneyLabel.NO_DATA_FAIL, config.critical(), "no data for " + which);
      }
      if (config.nanStrategy() == NanStrategy.REPLACE) {
        return o.plain(MannWhitneyLabel.PASS, false, "no data for " + which + "; with NaNs replaced by 0 that means no events");
      }
      return o.plain(MannWhitneyLabel.NO_DATA, config.critical(), "no data for " + which + " after removing NaNs");
    }
    // Sorted once: the checks below, the rank statistic, its tie correction and the estimate all read
    // these two arrays. NaN is gone (removed or replaced), so only the ends can be infinite.
    double[] x = sorted(canary);
    double[] y = sorted(baseline);
    boolean canaryFinite = Double.isFinite(x[0]) && Double.isFinite(x[x.length - 1]);
    if (!canaryFinite || !Double.isFinite(y[0]) || !Double.isFinite(y[y.length - 1])) {
      return o.plain(MannWhitneyLabel.ERROR, config.critical(), "the " + (canaryFinite ? "baseline" : "canary")
          + " has infinite values, which the rank test cannot order meaningfully");
    }
    if (Arrays.equals(x, y)) {
      return o.plain(MannWhitneyLabel.PASS, false, "the canary's and the baseline's values are identical");
    }
    // Values compare by their bits here, as boxed doubles do: -0.0 and 0.0 are two values.
    long only = Double.doubleToLongBits(x[0]);
    if (Double.doubleToLongBits(x[x.length - 1]) == only && Double.doubleToLongBits(y[0]) == only
        && Double.doubleToLongBits(y[y.length - 1]) == only) {
      return o.plain(MannWhitneyLabel.PASS, false, "every value of the canary and the baseline is " + canary[0]);
    }
    return o.compared(HodgesLehmann.estimateSorted(withoutNegativeZero(x), withoutNegativeZero(y),
        config.confidenceLevel(), config.method()));
  }

  private static double[] sorted(double[] values) {
    double[] sorted = values.clone();
    RadixSort.sort(sorted);
    return sorted;
  }

  /** {@code sorted} with -0.0 turned into 0.0, in place; they are neighbours, so it stays sorted. */
  private static double[] withoutNegativeZero(double[] sorted) {
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] += 0.0;
    }
    return sorted;
  }

  private static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
  }

  /** Builds results for one comparison. */
  private record Outcome(String metric, MannWhitneyConfig config, int canarySize, int baselineSize,
      double canaryMean, double baselineMean) {

    MannWhitneyResult plain(MannWhitneyLabel label, boolean critical, String reason) {
      return new MannWhitneyResult(metric, label, critical, reason, config, canarySize, baselineSize,
          canaryMean, baselineMean, null, Double.NaN, Double.NaN);
    }

    MannWhitneyResult compared(ShiftEstimate shift) {
      double bound = config.tolerance() * Math.abs(shift.estimate());
      double effect = config.effectSize() == EffectSizeMeasure.CLES
          ? shift.statistic() / ((double) canarySize * baselineSize)
          : baselineMean == 0 ? Double.NaN : canaryMean / baselineMean;
      String figures = String.format(Locale.ROOT, "shift %s, %.0f%% interval [%s, %s], margin %s, %s %s",
          MannWhitneyResult.fmt(shift.estimate()), shift.confidenceLevel() * 100, MannWhitneyResult.fmt(shift.lower()),
          MannWhitneyResult.fmt(shift.upper()), MannWhitneyResult.fmt(bound), config.effectSize().kayentaName(),
          Double.isNaN(effect) ? "undefined (baseline mean 0)" : MannWhitneyResult.fmt(effect));
      boolean high = config.direction().judgesIncrease() && shift.lower() > bound;
      boolean low = config.direction().judgesDecrease() && shift.upper() < -bound;
      // An undefined effect size (baseline mean 0) cannot hold a significant change back.
      boolean undefined = Double.isNaN(effect);
      if (high && config.critical() && (undefined || effect >= config.criticalIncrease())) {
        return result(MannWhitneyLabel.HIGH, true, "the canary is higher, critically: " + figures, shift, effect, bound);
      }
      if (low && config.critical() && (undefined || effect <= config.criticalDecrease())) {
        return result(MannWhitneyLabel.LOW, true, "the canary is lower, critically: " + figures, shift, effect, bound);
      }
      if (high && (undefined || effect >= config.allowedIncrease())) {
        return result(MannWhitneyLabel.HIGH, false, "the canary is higher: " + figures, shift, effect, bound);
      }
      if (low && (undefined || effect <= config.allowedDecrease())) {
        return result(MannWhitneyLabel.LOW, false, "the canary is lower: " + figures, shift, effect, bound);
      }
      String why = high || low ? "the change is significant but its effect size is within the allowed range: "
          : "no significant change beyond the margin: ";
      return result(MannWhitneyLabel.PASS, false, why + figures, shift, effect, bound);
    }

    private MannWhitneyResult result(MannWhitneyLabel label, boolean critical, String reason, ShiftEstimate shift,
        double effect, double bound) {
      return new MannWhitneyResult(metric, label, critical, reason, config, canarySize, baselineSize,
          canaryMean, baselineMean, shift, effect, bound);
    }
  }
}
