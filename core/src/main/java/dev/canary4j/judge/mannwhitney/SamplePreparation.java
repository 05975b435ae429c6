package dev.canary4j.judge.mannwhitney;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/** Kayenta's preprocessing of a sample: NaN handling, then optional IQR outlier removal. */
final class SamplePreparation {

  private SamplePreparation() {}

  /** The values that {@code config} keeps from {@code raw}, in their original order. */
  static double[] prepare(double[] raw, MannWhitneyConfig config) {
    double[] values = config.nanStrategy() == NanStrategy.REMOVE
        ? Arrays.stream(raw).filter(v -> !Double.isNaN(v)).toArray()
        : Arrays.stream(raw).map(v -> Double.isNaN(v) ? 0.0 : v).toArray();
    if (config.outlierFactor() == null || values.length < 4 || !Arrays.stream(values).allMatch(Double::isFinite)) {
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
    return Arrays.stream(values).filter(v -> v >= low && v <= high).toArray();
  }
}
