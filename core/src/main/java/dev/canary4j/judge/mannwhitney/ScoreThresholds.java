package dev.canary4j.judge.mannwhitney;

/**
 * The score (0 to 100) a canary needs to pass, and below which it fails; in between it is marginal.
 *
 * @param pass a score at or above this passes
 * @param marginal a score below this fails
 */
public record ScoreThresholds(double pass, double marginal) {

  /**
   * Checks that {@code marginal} is between 0 and 100 and {@code pass} between it and 100.
   *
   * @param pass a score at or above this passes
   * @param marginal a score below this fails
   */
  public ScoreThresholds {
    if (!(marginal >= 0 && marginal <= 100)) {
      throw new IllegalArgumentException("marginal must be between 0 and 100, but was " + marginal);
    }
    if (!(pass >= marginal && pass <= 100)) {
      throw new IllegalArgumentException("pass must be between marginal (" + marginal + ") and 100, but was " + pass);
    }
  }

  /**
   * Thresholds of {@code pass} and {@code marginal}.
   *
   * @param pass a score at or above this passes, {@code marginal} to 100
   * @param marginal a score below this fails, 0 to 100
   * @return the thresholds
   */
  public static ScoreThresholds of(double pass, double marginal) {
    return new ScoreThresholds(pass, marginal);
  }

  /**
   * The label of {@code score}.
   *
   * @param score a score, 0 to 100
   * @return PASS, MARGINAL or FAIL
   */
  public ScoreLabel classify(double score) {
    return score >= pass ? ScoreLabel.PASS : score >= marginal ? ScoreLabel.MARGINAL : ScoreLabel.FAIL;
  }
}
