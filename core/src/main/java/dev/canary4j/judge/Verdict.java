package dev.canary4j.judge;

import java.util.Map;
import java.util.Objects;

/**
 * The judgement of one metric in one tick: its label, the values seen, the threshold applied and why.
 *
 * @param metric the metric's name
 * @param label the outcome
 * @param canary the canary's value, or {@code null} when there was none
 * @param primary the primary's value, or {@code null} when there was none or it was not used
 * @param threshold the threshold applied, in words, for example {@code >= 99.0}
 * @param reason a sentence a person can act on
 * @param critical whether the metric is critical (a critical failure rolls back at once)
 * @param statistics judge-specific figures (p-value, estimate, interval bounds, effect size), by name
 * @param guardRail whether this is a threshold verdict standing in for a metric's statistical judge
 *     because the canary broke a bound given beside it: a guard rail counts on its own, even when the
 *     metric's judge takes part in a score
 */
public record Verdict(String metric, VerdictLabel label, Double canary, Double primary, String threshold,
    String reason, boolean critical, Map<String, Double> statistics, boolean guardRail) {

  /**
   * The statistic set to 1 on a passing verdict whose test has not decided yet and must decide before
   * the canary is promoted: the weight may keep stepping, the promotion waits.
   */
  public static final String HOLDS_PROMOTION = "holdsPromotion";

  /**
   * Checks that metric and label are given; {@code null} threshold and reason become empty, {@code null}
   * statistics none.
   *
   * @param metric the metric's name; not {@code null}
   * @param label the outcome; not {@code null}
   * @param canary the canary's value, or {@code null}
   * @param primary the primary's value, or {@code null}
   * @param threshold the threshold applied in words, or {@code null}
   * @param reason a sentence a person can act on, or {@code null}
   * @param critical whether the metric is critical
   * @param statistics judge-specific figures by name, or {@code null}
   * @param guardRail whether the verdict stands in for the metric's statistical judge as a guard rail
   */
  public Verdict {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(label, "label");
    threshold = threshold == null ? "" : threshold;
    reason = reason == null ? "" : reason;
    statistics = statistics == null ? Map.of() : Map.copyOf(statistics);
  }

  /**
   * A verdict that is not a guard rail.
   *
   * @param metric the metric's name; not {@code null}
   * @param label the outcome; not {@code null}
   * @param canary the canary's value, or {@code null}
   * @param primary the primary's value, or {@code null}
   * @param threshold the threshold applied in words, or {@code null}
   * @param reason a sentence a person can act on, or {@code null}
   * @param critical whether the metric is critical
   * @param statistics judge-specific figures by name, or {@code null}
   */
  public Verdict(String metric, VerdictLabel label, Double canary, Double primary, String threshold, String reason,
      boolean critical, Map<String, Double> statistics) {
    this(metric, label, canary, primary, threshold, reason, critical, statistics, false);
  }

  /**
   * A verdict with no judge-specific statistics.
   *
   * @param metric the metric's name
   * @param label the outcome
   * @param canary the canary's value, or {@code null}
   * @param primary the primary's value, or {@code null}
   * @param threshold the threshold applied, in words
   * @param reason a sentence a person can act on
   * @param critical whether the metric is critical
   * @return the verdict
   */
  public static Verdict of(String metric, VerdictLabel label, Double canary, Double primary, String threshold,
      String reason, boolean critical) {
    return new Verdict(metric, label, canary, primary, threshold, reason, critical, Map.of());
  }

  /**
   * An {@code ERROR} verdict for a metric whose provider failed.
   *
   * @param metric the metric's name
   * @param critical whether the metric is critical
   * @param reason what failed, e.g. the provider's error message
   * @return the verdict, without values or threshold
   */
  public static Verdict error(String metric, boolean critical, String reason) {
    return new Verdict(metric, VerdictLabel.ERROR, null, null, "", reason, critical, Map.of());
  }

  /**
   * A {@code NO_DATA} verdict.
   *
   * @param metric the metric's name
   * @param critical whether the metric is critical
   * @param threshold the threshold that would have applied, in words
   * @param reason why there was nothing to judge
   * @return the verdict, without values
   */
  public static Verdict noData(String metric, boolean critical, String threshold, String reason) {
    return new Verdict(metric, VerdictLabel.NO_DATA, null, null, threshold, reason, critical, Map.of());
  }

  /**
   * This verdict with the same values and another label and reason.
   *
   * @param newLabel the label to carry
   * @param newReason the reason to carry
   * @return a new verdict; this one is unchanged
   */
  public Verdict relabel(VerdictLabel newLabel, String newReason) {
    return new Verdict(metric, newLabel, canary, primary, threshold, newReason, critical, statistics, guardRail);
  }

  /**
   * This verdict, critical or not as {@code isCritical} says.
   *
   * @param isCritical whether a failure of the metric rolls back at once
   * @return a new verdict; this one is unchanged
   */
  public Verdict withCritical(boolean isCritical) {
    return new Verdict(metric, label, canary, primary, threshold, reason, isCritical, statistics, guardRail);
  }

  /**
   * This verdict marked as a guard rail (see {@link #guardRail()}).
   *
   * @return a new verdict; this one is unchanged
   */
  public Verdict asGuardRail() {
    return new Verdict(metric, label, canary, primary, threshold, reason, critical, statistics, true);
  }
}
