package dev.canary4j.policy;

import java.util.Map;

/**
 * Kayenta-style scoring of the metrics whose judge takes part in a score (the Mann-Whitney judge): their
 * verdicts are combined into one score from 0 to 100 per tick, and that score, not each metric, decides.
 *
 * <p>Each group scores the share of its judged metrics that passed; groups without an explicit weight
 * share what the explicit weights leave of 100; a critical metric that did not pass, or no data for
 * more than half of the scored metrics, forces the score to 0. A score of at least {@code pass} passes,
 * one below {@code marginal} fails, and one in between is marginal: {@code onMarginal} says whether it
 * holds the step (inconclusive), fails or is ignored.
 *
 * @param pass the score a canary needs to pass, 0 to 100
 * @param marginal the score below which a canary fails, 0 to {@code pass}
 * @param groupWeights weights of the metric groups, in percent; groups left out share the rest
 * @param onMarginal what a marginal score does
 */
public record Scoring(double pass, double marginal, Map<String, Double> groupWeights, NoDataPolicy onMarginal) {

  /** The name of the score's verdict among the tick's verdicts. */
  public static final String VERDICT_NAME = "canary-score";
  /** The group of scored metrics that name none. */
  public static final String UNGROUPED = "ungrouped";
  /** The default pass threshold. */
  public static final double DEFAULT_PASS = 95;
  /** The default marginal threshold. */
  public static final double DEFAULT_MARGINAL = 75;

  /**
   * Copies the group weights; a {@code null} marginal policy holds the step (inconclusive).
   *
   * @param pass the score a canary needs to pass, 0 to 100
   * @param marginal the score below which a canary fails, 0 to {@code pass}
   * @param groupWeights weights of the metric groups in percent, or {@code null}
   * @param onMarginal what a marginal score does, or {@code null}
   */
  public Scoring {
    groupWeights = Violations.copy(groupWeights);
    onMarginal = onMarginal == null ? NoDataPolicy.INCONCLUSIVE : onMarginal;
  }

  /**
   * Pass at {@code pass}, fail below {@code marginal}, equal group weights, a marginal score holds the step.
   *
   * @param pass the score a canary needs to pass, 0 to 100
   * @param marginal the score below which a canary fails, 0 to {@code pass}
   * @return the scoring
   */
  public static Scoring of(double pass, double marginal) {
    return new Scoring(pass, marginal, Map.of(), NoDataPolicy.INCONCLUSIVE);
  }

  /**
   * This scoring with the given group weights (percent).
   *
   * @param weights the weight of each named group in percent, summing to at most 100
   * @return a new scoring; this one is unchanged
   */
  public Scoring withGroupWeights(Map<String, Double> weights) {
    return new Scoring(pass, marginal, weights, onMarginal);
  }

  /**
   * This scoring with a marginal score doing what {@code policy} says.
   *
   * @param policy {@code INCONCLUSIVE} to hold the step, {@code FAIL} or {@code IGNORE}
   * @return a new scoring; this one is unchanged
   */
  public Scoring withOnMarginal(NoDataPolicy policy) {
    return new Scoring(pass, marginal, groupWeights, policy);
  }

  /** Whether every weight is a number from 0 to 100 and together they make at most 100. */
  boolean weightsValid() {
    double sum = 0;
    for (Map.Entry<String, Double> e : groupWeights.entrySet()) {
      Double w = e.getValue();
      if (e.getKey() == null || e.getKey().isBlank() || w == null || !(w >= 0 && w <= 100)) {
        return false;
      }
      sum += w;
    }
    return sum <= 100 + 1e-9;
  }

  void check(Violations v, String path) {
    if (!(marginal >= 0 && marginal <= 100)) {
      v.add(path + ".marginal", "must be between 0 and 100", marginal);
    }
    if (!(pass >= 0 && pass <= 100)) {
      v.add(path + ".pass", "must be between 0 and 100", pass);
    } else if (marginal >= 0 && marginal <= 100 && pass < marginal) {
      v.add(path + ".pass", "must be at least marginal (" + marginal + ")", pass);
    }
    double sum = 0;
    for (Map.Entry<String, Double> e : groupWeights.entrySet()) {
      Double w = e.getValue();
      if (e.getKey() == null || e.getKey().isBlank()) {
        v.add(path + ".groupWeights.'" + (e.getKey() == null ? "" : e.getKey()) + "'", "must be a group name, not blank", w);
      } else if (w == null || !(w >= 0 && w <= 100)) {
        v.add(path + ".groupWeights." + e.getKey(), "must be between 0 and 100", w);
      } else {
        sum += w;
      }
    }
    if (sum > 100 + 1e-9) {
      v.add(path + ".groupWeights", "must add up to at most 100", sum);
    }
  }
}
