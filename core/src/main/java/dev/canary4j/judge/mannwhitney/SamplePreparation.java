package dev.canary4j.judge.mannwhitney;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/** Kayenta's preprocessing of a sample: NaN handling, then optional IQR outlier removal. */
final class SamplePreparation {

  private SamplePreparation() {}

  /**
   * The values that {@code config} keeps from {@code raw}, in their original order; {@code raw} itself
   * when it keeps them all (callers only read the result).
   */
  static double[] prepare(double[] raw, MannWhitneyConfig config) {
    double[] values = withoutNaN(raw, config.nanStrategy());
    if (config.outlierFactor() == null || values.length < 4 || !allFinite(values)) {
      return values;
    }
    // R-7 quartiles, the default of R and Kayenta's IQR detector.
    Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
    percentile.setData(values);
    double q1 = percentile.evaluate(25);
    double q3 = percentile.evaluate(75);
    double reach = config.outlierFactor() * (q3 - q1);
    double low = q1 - reach;
    double high = q3 + reach;
    int kept = 0;
    for (double v : values) {
      if (v >= low && v <= high) {
        kept++;
      }
    }
    if (kept == values.length) {
      return values;
    }
    double[] inside = new double[kept];
    int i = 0;
    for (double v : values) {
      if (v >= low && v <= high) {
        inside[i++] = v;
      }
    }
    return inside;
  }

  private static double[] withoutNaN(double[] raw, NanStrategy strategy) {
    int nans = 0;
    for (double v : raw) {
      if (Double.isNaN(v)) {
        nans++;
      }
    }
    if (nans == 0) {
      return raw;
    }
    double[] values = new double[strategy == NanStrategy.REMOVE ? raw.length - nans : raw.length];
    int i = 0;
    for (double v : raw) {
      if (!Double.isNaN(v)) {
        values[i++] = v;
      } else if (strategy != NanStrategy.REMOVE) {
        values[i++] = 0.0;
      }
    }
    return values;
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
