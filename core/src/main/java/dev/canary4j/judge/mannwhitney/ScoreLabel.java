package dev.canary4j.judge.mannwhitney;

/** Kayenta's classification of the canary's overall score. */
public enum ScoreLabel {
  /** Score at or above the pass threshold. */
  PASS,
  /** Score at or above the marginal threshold but below pass. */
  MARGINAL,
  /** Score below the marginal threshold, or forced to 0. */
  FAIL
}
