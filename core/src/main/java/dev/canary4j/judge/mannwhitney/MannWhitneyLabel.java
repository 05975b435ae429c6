package dev.canary4j.judge.mannwhitney;

/** Kayenta's classification of one metric. */
public enum MannWhitneyLabel {
  /** No significant change beyond the tolerance and effect-size thresholds. */
  PASS,
  /** The canary is significantly higher. */
  HIGH,
  /** The canary is significantly lower. */
  LOW,
  /** Nothing to compare: a sample was empty after NaN removal. */
  NO_DATA,
  /** Nothing to compare, and the metric must have data. */
  NO_DATA_FAIL,
  /** The comparison could not be made (for example infinite values). */
  ERROR
}
