package dev.canary4j.judge.mannwhitney;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A canary's overall score from the {@link CanaryScorer}.
 *
 * @param score the summary score, 0 to 100
 * @param label PASS, MARGINAL or FAIL by the thresholds
 * @param groupScores each group's score, for groups with data
 * @param metrics the metrics' verdicts behind the score
 * @param thresholds the thresholds applied
 * @param reason why, in a sentence
 */
public record CanaryScore(double score, ScoreLabel label, Map<String, Double> groupScores,
    List<Verdict> metrics, ScoreThresholds thresholds, String reason) {

  /**
   * Checks that there is a label and copies the maps and lists.
   *
   * @param score the summary score, 0 to 100
   * @param label PASS, MARGINAL or FAIL by the thresholds; not {@code null}
   * @param groupScores each group's score, for groups with data
   * @param metrics the metrics' verdicts behind the score
   * @param thresholds the thresholds applied
   * @param reason why, in a sentence
   */
  public CanaryScore {
    Objects.requireNonNull(label, "label");
    groupScores = Map.copyOf(groupScores);
    metrics = List.copyOf(metrics);
  }

  /**
   * The score as one verdict named {@code name}: PASS passes, FAIL is {@code FAIL_LOW} (the score is
   * below the marginal threshold), MARGINAL is {@code NO_DATA}, so the metric's no-data policy decides
   * whether a marginal canary holds its step, fails or is ignored.
   *
   * @param name the verdict's metric name, usually {@code Scoring.VERDICT_NAME}
   * @return the verdict, with the score and each group's score among its statistics
   */
  public Verdict toVerdict(String name) {
    VerdictLabel verdict = switch (label) {
      case PASS -> VerdictLabel.PASS;
      case MARGINAL -> VerdictLabel.NO_DATA;
      case FAIL -> VerdictLabel.FAIL_LOW;
    };
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("score", score);
    groupScores.forEach((group, s) -> statistics.put("group." + group, s));
    boolean critical = metrics.stream().anyMatch(CanaryScorer::criticalNonPass);
    String because = label == ScoreLabel.MARGINAL ? "marginal: " + reason : reason;
    return new Verdict(name, verdict, score, null, ">= " + MannWhitneyResult.fmt(thresholds.pass())
        + " (marginal >= " + MannWhitneyResult.fmt(thresholds.marginal()) + ")", because, critical, statistics);
  }
}
