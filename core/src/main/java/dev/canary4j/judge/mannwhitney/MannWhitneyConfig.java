package dev.canary4j.judge.mannwhitney;

import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.JudgeConfig;
import dev.canary4j.policy.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one metric is judged by the {@link MannWhitneyJudge}, with Kayenta's per-metric options.
 *
 * <p>A metric is HIGH when the lower end of the confidence interval for the shift (canary - baseline)
 * is above {@code tolerance} x |estimate| and the effect size is at least {@code allowedIncrease}; LOW
 * symmetrically. A critical metric is additionally marked critical when its effect size passes the
 * {@code critical*} thresholds. An effect size that cannot be computed (a baseline mean of 0 for the
 * mean ratio) does not hold a failure back. Immutable; build with {@link #custom()}, whose
 * {@code build()} reports every broken rule at once.
 */
public final class MannWhitneyConfig implements JudgeConfig {

  /** The name in policy files. */
  public static final String JUDGE_NAME = "mann-whitney";
  /** Kayenta's judge: 0.25 of the estimate. */
  public static final double DEFAULT_TOLERANCE = 0.25;
  /** Kayenta's judge: 98 %. */
  public static final double DEFAULT_CONFIDENCE_LEVEL = 0.98;
  /** An effect size threshold that lets every significant change through. */
  public static final double DEFAULT_EFFECT_SIZE_THRESHOLD = 1.0;

  private final Direction direction;
  private final NanStrategy nanStrategy;
  private final Double outlierFactor;
  private final boolean critical;
  private final boolean mustHaveData;
  private final EffectSizeMeasure effectSize;
  private final double allowedIncrease;
  private final double allowedDecrease;
  private final double criticalIncrease;
  private final double criticalDecrease;
  private final double tolerance;
  private final double confidenceLevel;
  private final Set<String> groups;
  private final IntervalMethod method;

  private MannWhitneyConfig(Builder b) {
    this.direction = b.direction;
    this.nanStrategy = b.nanStrategy;
    this.outlierFactor = b.outlierFactor;
    this.critical = b.critical;
    this.mustHaveData = b.mustHaveData;
    this.effectSize = b.effectSize;
    this.allowedIncrease = b.allowedIncrease;
    this.allowedDecrease = b.allowedDecrease;
    this.criticalIncrease = b.criticalIncrease;
    this.criticalDecrease = b.criticalDecrease;
    this.tolerance = b.tolerance;
    this.confidenceLevel = b.confidenceLevel;
    this.groups = Collections.unmodifiableSet(new TreeSet<>(b.groups));
    this.method = b.method;
  }

  /**
   * Kayenta's defaults: either direction, NaNs removed, no outlier removal, tolerance 0.25, 98 %.
   *
   * @return the default configuration
   */
  public static MannWhitneyConfig ofDefaults() {
    return custom().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /**
   * A builder starting from {@code config}.
   *
   * @param config the configuration to start from
   * @return a new builder holding its values
   */
  public static Builder from(MannWhitneyConfig config) {
    return new Builder(config);
  }

  @Override
  public String judgeName() {
    return JUDGE_NAME;
  }

  /** Its verdict goes into the analysis' score when the policy sets one, as in Kayenta. */
  @Override
  public boolean scored() {
    return true;
  }

  /** The score groups this metric counts in; empty for the ungrouped group. */
  @Override
  public Set<String> groups() {
    return groups;
  }

  @Override
  public List<Violation> violations(String path) {
    List<Violation> v = new ArrayList<>();
    for (String group : groups) {
      if (group.isBlank()) {
        v.add(new Violation(path + ".groups", "must not contain a blank group name", "'" + group + "'"));
      }
    }
    if (!(tolerance >= 0 && Double.isFinite(tolerance))) {
      v.add(new Violation(path + ".tolerance", "must be a finite number of at least 0", String.valueOf(tolerance)));
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      v.add(new Violation(path + ".confidenceLevel", "must be greater than 0 and lower than 1", String.valueOf(confidenceLevel)));
    }
    if (outlierFactor != null && !(outlierFactor > 0 && Double.isFinite(outlierFactor))) {
      v.add(new Violation(path + ".outliers.factor", "must be a finite number greater than 0", String.valueOf(outlierFactor)));
    }
    double upper = effectSize == EffectSizeMeasure.CLES ? 1.0 : Double.MAX_VALUE;
    String range = effectSize == EffectSizeMeasure.CLES ? "between 0 and 1 for cles" : "a finite number of at least 0";
    checkRange(v, path + ".effectSize.allowedIncrease", allowedIncrease, upper, range);
    checkRange(v, path + ".effectSize.allowedDecrease", allowedDecrease, upper, range);
    checkRange(v, path + ".effectSize.criticalIncrease", criticalIncrease, upper, range);
    checkRange(v, path + ".effectSize.criticalDecrease", criticalDecrease, upper, range);
    if (allowedIncrease < effectSize.neutral()) {
      v.add(new Violation(path + ".effectSize.allowedIncrease", "must be at least " + effectSize.neutral()
          + " (no change) for " + effectSize.kayentaName(), String.valueOf(allowedIncrease)));
    }
    if (allowedDecrease > effectSize.neutral()) {
      v.add(new Violation(path + ".effectSize.allowedDecrease", "must be at most " + effectSize.neutral()
          + " (no change) for " + effectSize.kayentaName(), String.valueOf(allowedDecrease)));
    }
    return v;
  }

  private static void checkRange(List<Violation> v, String path, double value, double upper, String range) {
    if (!(value >= 0 && value <= upper)) {
      v.add(new Violation(path, "must be " + range, String.valueOf(value)));
    }
  }

  /**
   * Which change of the canary counts against it.
   *
   * @return the direction, {@link Direction#EITHER} by default
   */
  public Direction direction() {
    return direction;
  }

  /**
   * What happens to NaN values before judging.
   *
   * @return the strategy, {@link NanStrategy#REMOVE} by default
   */
  public NanStrategy nanStrategy() {
    return nanStrategy;
  }

  /**
   * The IQR factor of outlier removal, or {@code null} when outliers are kept.
   *
   * @return the factor, or {@code null}
   */
  public Double outlierFactor() {
    return outlierFactor;
  }

  /**
   * Whether a HIGH or LOW with a critical effect size fails the whole analysis.
   *
   * @return {@code true} if a critical effect size fails the analysis
   */
  public boolean critical() {
    return critical;
  }

  /**
   * Whether a metric without data is {@code NO_DATA_FAIL} instead of {@code NO_DATA}.
   *
   * @return {@code true} if missing data counts as a failure
   */
  public boolean mustHaveData() {
    return mustHaveData;
  }

  /**
   * The effect size measure: mean ratio or CLES.
   *
   * @return the measure
   */
  public EffectSizeMeasure effectSize() {
    return effectSize;
  }

  /**
   * The effect size a HIGH must reach.
   *
   * @return the threshold, in the measure's unit
   */
  public double allowedIncrease() {
    return allowedIncrease;
  }

  /**
   * The effect size a LOW must stay at or below.
   *
   * @return the threshold, in the measure's unit
   */
  public double allowedDecrease() {
    return allowedDecrease;
  }

  /**
   * The effect size at which a HIGH is critical.
   *
   * @return the threshold, in the measure's unit
   */
  public double criticalIncrease() {
    return criticalIncrease;
  }

  /**
   * The effect size at which a LOW is critical.
   *
   * @return the threshold, in the measure's unit
   */
  public double criticalDecrease() {
    return criticalDecrease;
  }

  /**
   * Fraction of |estimate| that the confidence interval must clear.
   *
   * @return the tolerance, 0 or more; 0.25 by default
   */
  public double tolerance() {
    return tolerance;
  }

  /**
   * Confidence level of the Hodges-Lehmann interval.
   *
   * @return the level, between 0 and 1 exclusive; 0.98 by default
   */
  public double confidenceLevel() {
    return confidenceLevel;
  }

  /**
   * Exact or normal approximation, or R's automatic choice.
   *
   * @return the method
   */
  public IntervalMethod method() {
    return method;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MannWhitneyConfig c && direction == c.direction && nanStrategy == c.nanStrategy
        && Objects.equals(outlierFactor, c.outlierFactor) && critical == c.critical && mustHaveData == c.mustHaveData
        && effectSize == c.effectSize && allowedIncrease == c.allowedIncrease && allowedDecrease == c.allowedDecrease
        && criticalIncrease == c.criticalIncrease && criticalDecrease == c.criticalDecrease
        && tolerance == c.tolerance && confidenceLevel == c.confidenceLevel && groups.equals(c.groups) && method == c.method;
  }

  @Override
  public int hashCode() {
    return Objects.hash(direction, nanStrategy, outlierFactor, critical, mustHaveData, effectSize,
        allowedIncrease, allowedDecrease, criticalIncrease, criticalDecrease, tolerance, confidenceLevel, groups, method);
  }

  @Override
  public String toString() {
    return "MannWhitneyConfig[direction=" + direction.kayentaName() + ", nanStrategy=" + nanStrategy.kayentaName()
        + ", outlierFactor=" + outlierFactor + ", critical=" + critical + ", mustHaveData=" + mustHaveData
        + ", effectSize=" + effectSize.kayentaName() + " [" + allowedDecrease + ", " + allowedIncrease + "]"
        + ", criticalEffectSize=[" + criticalDecrease + ", " + criticalIncrease + "]"
        + ", tolerance=" + tolerance + ", confidenceLevel=" + confidenceLevel + ", groups=" + groups + ", method=" + method + "]";
  }

  /** Builds a {@link MannWhitneyConfig}; {@link #build()} validates every field at once. */
  public static final class Builder {
    private Direction direction = Direction.EITHER;
    private NanStrategy nanStrategy = NanStrategy.REMOVE;
    private Double outlierFactor;
    private boolean critical;
    private boolean mustHaveData;
    private EffectSizeMeasure effectSize = EffectSizeMeasure.MEAN_RATIO;
    private double allowedIncrease = DEFAULT_EFFECT_SIZE_THRESHOLD;
    private double allowedDecrease = DEFAULT_EFFECT_SIZE_THRESHOLD;
    private double criticalIncrease = DEFAULT_EFFECT_SIZE_THRESHOLD;
    private double criticalDecrease = DEFAULT_EFFECT_SIZE_THRESHOLD;
    private double tolerance = DEFAULT_TOLERANCE;
    private double confidenceLevel = DEFAULT_CONFIDENCE_LEVEL;
    private Set<String> groups = Set.of();
    private IntervalMethod method = IntervalMethod.AUTO;

    private Builder() {}

    private Builder(MannWhitneyConfig c) {
      direction = c.direction;
      nanStrategy = c.nanStrategy;
      outlierFactor = c.outlierFactor;
      critical = c.critical;
      mustHaveData = c.mustHaveData;
      effectSize = c.effectSize;
      allowedIncrease = c.allowedIncrease;
      allowedDecrease = c.allowedDecrease;
      criticalIncrease = c.criticalIncrease;
      criticalDecrease = c.criticalDecrease;
      tolerance = c.tolerance;
      confidenceLevel = c.confidenceLevel;
      groups = c.groups;
      method = c.method;
    }

    /**
     * Which change of the canary counts against it; {@code either} by default.
     *
     * @param direction the direction; not {@code null}
     * @return this builder
     */
    public Builder direction(Direction direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    /**
     * What happens to NaN values; removed by default.
     *
     * @param nanStrategy remove or replace; not {@code null}
     * @return this builder
     */
    public Builder nanStrategy(NanStrategy nanStrategy) {
      this.nanStrategy = Objects.requireNonNull(nanStrategy, "nanStrategy");
      return this;
    }

    /**
     * Removes values outside [Q1 - factor x IQR, Q3 + factor x IQR] of each sample (Kayenta's judge uses 3).
     *
     * @param iqrFactor the factor of the interquartile range, positive
     * @return this builder
     */
    public Builder removeOutliers(double iqrFactor) {
      this.outlierFactor = iqrFactor;
      return this;
    }

    /**
     * Keeps every value (the default).
     *
     * @return this builder
     */
    public Builder keepOutliers() {
      this.outlierFactor = null;
      return this;
    }

    /**
     * Whether a critical effect size fails the whole analysis.
     *
     * @param critical {@code true} to fail the analysis on a critical effect size
     * @return this builder
     */
    public Builder critical(boolean critical) {
      this.critical = critical;
      return this;
    }

    /**
     * A metric without data is {@code NO_DATA_FAIL} instead of {@code NO_DATA}.
     *
     * @param mustHaveData {@code true} to count missing data as a failure
     * @return this builder
     */
    public Builder mustHaveData(boolean mustHaveData) {
      this.mustHaveData = mustHaveData;
      return this;
    }

    /**
     * The measure and its thresholds: HIGH needs at least {@code allowedIncrease}, LOW at most
     * {@code allowedDecrease}.
     *
     * @param measure mean ratio or CLES
     * @param allowedDecrease the effect size a LOW must stay at or below, in the measure's unit
     * @param allowedIncrease the effect size a HIGH must reach, in the measure's unit
     * @return this builder
     */
    public Builder effectSize(EffectSizeMeasure measure, double allowedDecrease, double allowedIncrease) {
      this.effectSize = Objects.requireNonNull(measure, "measure");
      this.allowedDecrease = allowedDecrease;
      this.allowedIncrease = allowedIncrease;
      return this;
    }

    /**
     * Effect sizes at which a HIGH or LOW of a critical metric is marked critical.
     *
     * @param criticalDecrease the effect size at or below which a LOW is critical
     * @param criticalIncrease the effect size at or above which a HIGH is critical
     * @return this builder
     */
    public Builder criticalEffectSize(double criticalDecrease, double criticalIncrease) {
      this.criticalDecrease = criticalDecrease;
      this.criticalIncrease = criticalIncrease;
      return this;
    }

    /**
     * Fraction of |estimate| that the interval must clear (Kayenta's {@code tolerance}).
     *
     * @param tolerance the fraction, 0 or more
     * @return this builder
     */
    public Builder tolerance(double tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Confidence level of the interval, between 0 and 1 exclusive.
     *
     * @param confidenceLevel the level, e.g. 0.98
     * @return this builder
     */
    public Builder confidenceLevel(double confidenceLevel) {
      this.confidenceLevel = confidenceLevel;
      return this;
    }

    /**
     * The score groups the metric counts in (Kayenta's metric {@code groups}); none by default.
     *
     * @param groups the group names; empty for none
     * @return this builder
     */
    public Builder groups(Collection<String> groups) {
      for (String g : groups) {
        Objects.requireNonNull(g, "groups must not contain null");
      }
      this.groups = Set.copyOf(groups);
      return this;
    }

    /**
     * Exact, normal approximation, or R's automatic choice (the default); R's {@code exact =}.
     *
     * @param method the interval method; not {@code null}
     * @return this builder
     */
    public Builder method(IntervalMethod method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * The configuration, or an {@link InvalidPolicyException} naming every broken rule.
     *
     * @return the valid configuration
     */
    public MannWhitneyConfig build() {
      MannWhitneyConfig config = new MannWhitneyConfig(this);
      List<Violation> violations = config.violations(JUDGE_NAME);
      if (!violations.isEmpty()) {
        throw new InvalidPolicyException(violations);
      }
      return config;
    }
  }
}
