package dev.canary4j.judge.mannwhitney;

/**
 * The score (0 to 100) a canary needs to pass, and below which it fails; in between it is marginal.
 *
 * @param pass a score at or above this passes
 * @param marginal a score below this fails
 */
public record ScoreThresholds(double pass, double marginal) {

  public ScoreThresholds {
    if (!(marginal >= 0 && marginal <= 100)) {
      throw new IllegalArgumentException("marginal must be between 0 and 100, but was " + marginal);
    }
    if (!(pass >= marginal && pass <= 100)) {
      throw new IllegalArgumentException("pass must be between marginal (" + marginal + ") and 100, but was " + pass);
    }
  }

  /** Thresholds of {@code pass} and {@code marginal}. */
  public static ScoreThresholds of(double pass, double marginal) {
    return new ScoreThresholds(pass, marginal);
  }

  /** The label of {@code score}. */
  public ScoreLabel classify(double score) {
    return score >= pass ? ScoreLabel.PASS : score >= marginal ? ScoreLabel.MARGINAL : ScoreLabel.FAIL;
  }
}
