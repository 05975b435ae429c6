package dev.canary4j.judge.mannwhitney;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.Scoring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Scores a canary from its metrics' classifications as Kayenta's weighted-sum scorer does.
 *
 * <p>Each group scores the share of its judged metrics (PASS, HIGH, LOW, NO_DATA_FAIL: verdicts that pass
 * or fail) that passed, x 100; a group with none of these has no data and neither scores nor takes a
 * share of the weight; ERROR verdicts are left out. Groups with data and without an explicit weight share
 * what the explicit weights leave of 100 (so in Kayenta's own test, two groups, one passing and one
 * without data, score 100). The summary is the weighted sum of the group scores. Two rules force the
 * score to 0: a critical metric that did not pass, and NO_DATA for half of the metrics or more (a canary
 * that was barely measured must not pass by default). Immutable and thread-safe.
 */
public final class CanaryScorer {

  /** The group of metrics that name none. */
  public static final String UNGROUPED = Scoring.UNGROUPED;

  private final ScoreThresholds thresholds;
  private final Map<String, Double> groupWeights;

  private CanaryScorer(ScoreThresholds thresholds, Map<String, Double> groupWeights) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.groupWeights = Map.copyOf(groupWeights);
  }

  /**
   * A scorer with equal group weights.
   *
   * @param thresholds the pass and marginal scores
   * @return the scorer
   */
  public static CanaryScorer of(ScoreThresholds thresholds) {
    return new CanaryScorer(thresholds, Map.of());
  }

  /**
   * A scorer with these group weights (percent; groups left out share the rest).
   *
   * @param thresholds the pass and marginal scores
   * @param groupWeights weight of each named group in percent, summing to at most 100
   * @return the scorer
   */
  public static CanaryScorer of(ScoreThresholds thresholds, Map<String, Double> groupWeights) {
    double sum = 0;
    for (Map.Entry<String, Double> e : groupWeights.entrySet()) {
      Double w = e.getValue();
      if (w == null || !(w >= 0 && w <= 100)) {
        throw new IllegalArgumentException("groupWeights." + e.getKey() + " must be between 0 and 100, but was " + w);
      }
      sum += w;
    }
    if (sum > 100 + 1e-9) {
      throw new IllegalArgumentException("groupWeights must add up to at most 100, but add up to " + sum);
    }
    return new CanaryScorer(thresholds, groupWeights);
  }

  /**
   * A scorer with the thresholds and group weights of a policy's {@code scoring}.
   *
   * @param scoring a policy's scoring
   * @return the scorer
   */
  public static CanaryScorer of(Scoring scoring) {
    return of(ScoreThresholds.of(scoring.pass(), scoring.marginal()), scoring.groupWeights());
  }

  /**
   * The score of a canary whose metrics were judged as {@code metrics}.
   *
   * @param metrics the scored metrics' verdicts with their groups
   * @return the score, its label and the reason
   */
  public CanaryScore score(List<ScoredMetric> metrics) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (ScoredMetric m : metrics) {
      for (String group : new TreeSet<>(m.groups())) {
        int[] c = counts.computeIfAbsent(group, g -> new int[2]);
        switch (m.verdict().label()) {
          case PASS -> { c[0]++; c[1]++; }
          case FAIL_HIGH, FAIL_LOW -> c[1]++;
          default -> { }
        }
      }
    }
    Map<String, Double> groupScores = new LinkedHashMap<>();
    counts.forEach((group, c) -> {
      if (c[1] > 0) {
        groupScores.put(group, 100.0 * c[0] / c[1]);
      }
    });
    // As Kayenta: a group with no data takes no share, so the groups that were judged share the weight.
    long unweighted = groupScores.keySet().stream().filter(g -> !groupWeights.containsKey(g)).count();
    double explicit = groupWeights.values().stream().mapToDouble(Double::doubleValue).sum();
    double shared = unweighted == 0 ? 0 : (100 - explicit) / unweighted;
    double summary = 0;
    for (Map.Entry<String, Double> g : groupScores.entrySet()) {
      summary += g.getValue() * groupWeights.getOrDefault(g.getKey(), shared) / 100;
    }
    List<String> criticalFailures = new ArrayList<>();
    long noData = 0;
    for (ScoredMetric m : metrics) {
      if (criticalNonPass(m.verdict())) {
        criticalFailures.add(m.verdict().metric() + " (" + m.verdict().label() + ")");
      }
      if (m.verdict().label() == VerdictLabel.NO_DATA) {
        noData++;
      }
    }
    List<Verdict> results = metrics.stream().map(ScoredMetric::verdict).toList();
    if (!criticalFailures.isEmpty()) {
      return new CanaryScore(0, ScoreLabel.FAIL, groupScores, results, thresholds,
          "critical metric(s) did not pass: " + String.join(", ", criticalFailures));
    }
    long measured = metrics.stream().filter(m -> m.verdict().label() != VerdictLabel.ERROR).count();
    if (measured > 0 && noData * 2 >= measured) {
      // ERRORs are left out here too: a provider failure must not turn a forced 0 into a pass.
      return new CanaryScore(0, ScoreLabel.FAIL, groupScores, results, thresholds,
          noData + " of " + measured + " metrics had no data" + (measured < metrics.size()
              ? " (" + (metrics.size() - measured) + " more could not be measured)" : ""));
    }
    ScoreLabel label = thresholds.classify(summary);
    return new CanaryScore(summary, label, groupScores, results, thresholds, String.format(Locale.ROOT,
        "score %.1f against pass %s and marginal %s", summary, MannWhitneyResult.fmt(thresholds.pass()),
        MannWhitneyResult.fmt(thresholds.marginal())));
  }

  /**
   * A critical metric that did not pass. An ERROR says nothing about the canary, so only a failure or
   * missing data of a critical metric counts (Kayenta: a critical metric must pass).
   */
  static boolean criticalNonPass(Verdict v) {
    return v.critical() && v.label() != VerdictLabel.PASS && v.label() != VerdictLabel.ERROR;
  }
}
