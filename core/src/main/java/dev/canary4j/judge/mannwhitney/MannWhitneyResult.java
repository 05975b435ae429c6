package dev.canary4j.judge.mannwhitney;

import dev.canary4j.internal.SignificantFigures;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The classification of one metric by the {@link MannWhitneyJudge}, with every figure behind it.
 *
 * @param metric the metric's name
 * @param label Kayenta's label
 * @param critical whether this is a critical failure (or critical metric without data) that fails the canary
 * @param reason a sentence a person can act on
 * @param config the configuration applied
 * @param canarySize values judged for the canary, after NaN and outlier handling
 * @param baselineSize values judged for the baseline
 * @param canaryMean mean of the canary's values, NaN when there were none
 * @param baselineMean mean of the baseline's values, NaN when there were none
 * @param shift the Hodges-Lehmann estimate, interval and p-value, or {@code null} when no test was run
 * @param effectSize the configured effect size, NaN when undefined or not computed
 * @param bound the margin the interval must clear: tolerance x |estimate|, NaN when no test was run
 */
public record MannWhitneyResult(String metric, MannWhitneyLabel label, boolean critical, String reason,
    MannWhitneyConfig config, int canarySize, int baselineSize, double canaryMean, double baselineMean,
    ShiftEstimate shift, double effectSize, double bound) {

  /**
   * Checks that metric, label and config are given; a {@code null} reason becomes empty.
   *
   * @param metric the metric's name; not {@code null}
   * @param label Kayenta's label; not {@code null}
   * @param critical whether this is a critical failure
   * @param reason a sentence a person can act on, or {@code null}
   * @param config the configuration applied; not {@code null}
   * @param canarySize values judged for the canary
   * @param baselineSize values judged for the baseline
   * @param canaryMean mean of the canary's values, NaN when there were none
   * @param baselineMean mean of the baseline's values, NaN when there were none
   * @param shift the Hodges-Lehmann estimate, or {@code null} when no test was run
   * @param effectSize the configured effect size, NaN when undefined
   * @param bound the margin the interval must clear, NaN when no test was run
   */
  public MannWhitneyResult {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(config, "config");
    reason = reason == null ? "" : reason;
  }

  /**
   * The verdict the state machine consumes; the figures go into {@link Verdict#statistics()}.
   *
   * @return the verdict, its label mapped from Kayenta's
   */
  public Verdict toVerdict() {
    VerdictLabel verdictLabel = switch (label) {
      case PASS -> VerdictLabel.PASS;
      case HIGH -> VerdictLabel.FAIL_HIGH;
      case LOW -> VerdictLabel.FAIL_LOW;
      case NO_DATA -> VerdictLabel.NO_DATA;
      case NO_DATA_FAIL -> config.direction() == Direction.DECREASE ? VerdictLabel.FAIL_LOW : VerdictLabel.FAIL_HIGH;
      case ERROR -> VerdictLabel.ERROR;
    };
    String why = label == MannWhitneyLabel.NO_DATA_FAIL
        ? reason + "; the metric must have data, so this counts as a failure in the judged direction ("
            + config.direction().kayentaName() + ")"
        : reason;
    return new Verdict(metric, verdictLabel, finite(canaryMean), finite(baselineMean), threshold(), why,
        critical, statistics());
  }

  /**
   * The thresholds applied, in words.
   *
   * @return the configuration's thresholds as one sentence
   */
  public String threshold() {
    return String.format(Locale.ROOT, "%s: %.0f%% interval of the shift clear of %s x |estimate|, %s in [%s, %s]",
        config.direction().kayentaName(), config.confidenceLevel() * 100, fmt(config.tolerance()),
        config.effectSize().kayentaName(), fmt(config.allowedDecrease()), fmt(config.allowedIncrease()));
  }

  /**
   * The figures by name; undefined ones are left out.
   *
   * @return the figures, in a fixed order
   */
  public Map<String, Double> statistics() {
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("canarySize", (double) canarySize);
    s.put("baselineSize", (double) baselineSize);
    if (shift != null) {
      s.put("estimate", shift.estimate());
      s.put("lower", shift.lower());
      s.put("upper", shift.upper());
      s.put("confidenceLevel", shift.confidenceLevel());
      s.put("pValue", shift.pValue());
      s.put("log10PValue", shift.log10PValue());
      s.put("statistic", shift.statistic());
      s.put("exact", shift.method() == ShiftEstimate.Method.EXACT ? 1.0 : 0.0);
    }
    putFinite(s, "bound", bound);
    putFinite(s, "effectSize", effectSize);
    putFinite(s, "meanRatio", canaryMean / baselineMean);
    if (shift != null && canarySize > 0 && baselineSize > 0) {
      s.put("cles", shift.statistic() / ((double) canarySize * baselineSize));
    }
    return s;
  }

  private static void putFinite(Map<String, Double> s, String name, double value) {
    if (Double.isFinite(value)) {
      s.put(name, value);
    }
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    return SignificantFigures.trimmedDecimal(d, 4);
  }
}
