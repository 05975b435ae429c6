package dev.canary4j.judge.mannwhitney;

/** How the size of a difference is measured, as Kayenta's {@code effectSize.measure} names it. */
public enum EffectSizeMeasure {
  /** Mean of the canary over mean of the baseline; 1 means no change. Undefined when the baseline mean is 0. */
  MEAN_RATIO("meanRatio", 1.0),
  /** Common-language effect size: P(canary > baseline) + P(tie) / 2; 0.5 means no change. */
  CLES("cles", 0.5);

  private final String kayentaName;
  private final double neutral;

  EffectSizeMeasure(String kayentaName, double neutral) {
    this.kayentaName = kayentaName;
    this.neutral = neutral;
  }

  /**
   * The Kayenta name: {@code meanRatio} or {@code cles}.
   *
   * @return the name as Kayenta's configuration spells it
   */
  public String kayentaName() {
    return kayentaName;
  }

  /**
   * The value meaning "no change".
   *
   * @return 1 for the mean ratio, 0.5 for CLES
   */
  public double neutral() {
    return neutral;
  }

  /**
   * Parses a Kayenta name, ignoring case.
   *
   * @param name {@code meanRatio} or {@code cles}, in any case
   * @return the measure; another name throws {@link IllegalArgumentException}
   */
  public static EffectSizeMeasure parse(String name) {
    for (EffectSizeMeasure m : values()) {
      if (m.kayentaName.equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Expected effect size measure 'meanRatio' or 'cles' but was '" + name + "'");
  }
}
