package dev.canary4j.judge.sequential;

import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.JudgeConfig;
import dev.canary4j.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the {@link SequentialJudge} tests one metric: the false-rollback bound {@code alpha}, the
 * degradation of the canary's bad-request rate that is still acceptable, and what an undecided tick
 * tells the state machine. With {@code detect} (or, for latency, {@code detectSlowdown}) the test is
 * two-sided: a canary at the detected degradation is also let through with probability at most
 * {@code beta}. Immutable; build with {@link #custom()}, whose {@code build()} reports every broken rule
 * at once.
 */
public final class SequentialConfig implements JudgeConfig {

  /** The name in policy files. */
  public static final String JUDGE_NAME = "sequential";
  /** At most 1 % of good canaries rolled back, however often the judge looks. */
  public static final double DEFAULT_ALPHA = 0.01;
  /** The canary may have up to 25 % more bad requests (relative) than the primary. */
  public static final double DEFAULT_ALLOWED_DEGRADATION = 0.25;
  /** Slow requests are those above the primary's p99 bucket. */
  public static final double DEFAULT_LATENCY_QUANTILE = 0.99;
  /** A two-sided test lets at most 5 % of canaries at the detected degradation through. */
  public static final double DEFAULT_BETA = 0.05;
  /**
   * The rate ratio a two-sided latency test detects when its slowdown cannot be translated (the primary
   * had no request above the bound in the tick that fixed it) and no {@code detect} ratio is set.
   */
  public static final double DEFAULT_DETECT = 2.0;
  /** The detected ratio is kept at least this factor above the acceptable one, so the test can end. */
  public static final double MIN_SEPARATION = 1.25;

  /** What an undecided tick (neither FAIL nor PASS yet) tells the state machine. */
  public enum WhileUndecided {
    /** {@code PASS}: keep stepping while the test watches; it can still fail later. */
    ADVANCE,
    /** {@code NO_DATA}: hold the step (the metric's no-data policy applies) until the test decides. */
    HOLD,
    /**
     * {@code PASS} marked {@link dev.canary4j.judge.Verdict#HOLDS_PROMOTION}: the weight keeps stepping
     * while the test watches, but the canary is not promoted until the test has decided.
     */
    HOLD_PROMOTION;

    /**
     * The name in policy files: lowercase, words joined by '-'.
     *
     * @return e.g. {@code hold-promotion}
     */
    public String specName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final double alpha;
  private final double allowedDegradation;
  private final double latencyQuantile;
  private final WhileUndecided whileUndecided;
  private final Double detect;
  private final Double detectSlowdown;
  private final double beta;

  private SequentialConfig(Builder b) {
    this.alpha = b.alpha;
    this.allowedDegradation = b.allowedDegradation;
    this.latencyQuantile = b.latencyQuantile;
    this.whileUndecided = b.whileUndecided;
    this.detect = b.detect;
    this.detectSlowdown = b.detectSlowdown;
    this.beta = b.beta;
  }

  /**
   * alpha 0.01, 25 % allowed degradation, p99 for latency, advance while undecided.
   *
   * @return the default configuration
   */
  public static SequentialConfig ofDefaults() {
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

  @Override
  public String judgeName() {
    return JUDGE_NAME;
  }

  @Override
  public boolean accumulatesAcrossTicks() {
    return true;
  }

  @Override
  public List<Violation> violations(String path) {
    List<Violation> v = new ArrayList<>();
    if (!(alpha > 0 && alpha < 1)) {
      v.add(new Violation(path + ".alpha", "must be greater than 0 and lower than 1", String.valueOf(alpha)));
    }
    if (!(allowedDegradation >= 0 && allowedDegradation <= 100)) {
      v.add(new Violation(path + ".allowedDegradation", "must be between 0 and 100 (a fraction: 0.25 is 25 %)",
          String.valueOf(allowedDegradation)));
    }
    if (!(latencyQuantile > 0 && latencyQuantile < 1)) {
      v.add(new Violation(path + ".latencyQuantile", "must be greater than 0 and lower than 1", String.valueOf(latencyQuantile)));
    }
    if (!(beta > 0 && beta < 1)) {
      v.add(new Violation(path + ".beta", "must be greater than 0 and lower than 1", String.valueOf(beta)));
    }
    if (detect != null && !(detect >= acceptableRatio() * MIN_SEPARATION && detect <= 1000)) {
      v.add(new Violation(path + ".detect", "must be a ratio of at least " + MIN_SEPARATION
          + " x the acceptable ratio 1 + allowedDegradation (" + String.format(Locale.ROOT, "%.4g", acceptableRatio() * MIN_SEPARATION)
          + ") and at most 1000 (2x: twice the primary's rate)", String.valueOf(detect)));
    }
    if (detectSlowdown != null && !(detectSlowdown > 0 && detectSlowdown <= 10)) {
      v.add(new Violation(path + ".detectSlowdown", "must be greater than 0 and at most 10 (a fraction: 0.3 is 30 % slower)",
          String.valueOf(detectSlowdown)));
    }
    return v;
  }

  /**
   * Bound on the probability that a canary no worse than allowed is ever failed.
   *
   * @return alpha, between 0 and 1 exclusive
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Acceptable relative increase of the canary's bad-request rate over the primary's (0.25 = 25 %).
   *
   * @return the fraction, 0 or more
   */
  public double allowedDegradation() {
    return allowedDegradation;
  }

  /**
   * The primary's latency quantile whose histogram bucket bounds "slow".
   *
   * @return the quantile, between 0 and 1 exclusive
   */
  public double latencyQuantile() {
    return latencyQuantile;
  }

  /**
   * What an analysis does while the test has not decided yet.
   *
   * @return advance or hold
   */
  public WhileUndecided whileUndecided() {
    return whileUndecided;
  }

  /**
   * Bound on the probability that a canary at the detected degradation is let through (two-sided only).
   *
   * @return beta, between 0 and 1 exclusive
   */
  public double beta() {
    return beta;
  }

  /**
   * The ratio of bad-request rates a two-sided test must catch, or {@code null}.
   *
   * @return the ratio, or {@code null} for a one-sided test
   */
  public Double detect() {
    return detect;
  }

  /**
   * The latency slowdown (0.3 = every request 30 % slower) a two-sided latency test must catch, or
   * {@code null}.
   *
   * @return the slowdown fraction, or {@code null}
   */
  public Double detectSlowdown() {
    return detectSlowdown;
  }

  /**
   * Whether the test also accepts: {@code detect} or {@code detectSlowdown} is set.
   *
   * @return {@code true} for a two-sided test
   */
  public boolean twoSided() {
    return detect != null || detectSlowdown != null;
  }

  /**
   * The largest acceptable ratio of the canary's rate to the primary's: 1 + allowed degradation.
   *
   * @return the ratio, more than 1
   */
  public double acceptableRatio() {
    return 1 + allowedDegradation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequentialConfig c && alpha == c.alpha && allowedDegradation == c.allowedDegradation
        && latencyQuantile == c.latencyQuantile && whileUndecided == c.whileUndecided
        && Objects.equals(detect, c.detect) && Objects.equals(detectSlowdown, c.detectSlowdown) && beta == c.beta;
  }

  @Override
  public int hashCode() {
    return Objects.hash(alpha, allowedDegradation, latencyQuantile, whileUndecided, detect, detectSlowdown, beta);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SequentialConfig[alpha=%s, allowedDegradation=%s, latencyQuantile=%s, whileUndecided=%s, detect=%s,"
        + " detectSlowdown=%s, beta=%s]", alpha, allowedDegradation, latencyQuantile, whileUndecided, detect, detectSlowdown, beta);
  }

  /** Builds a {@link SequentialConfig}; {@link #build()} validates every field at once. */
  public static final class Builder {
    private double alpha = DEFAULT_ALPHA;
    private double allowedDegradation = DEFAULT_ALLOWED_DEGRADATION;
    private double latencyQuantile = DEFAULT_LATENCY_QUANTILE;
    private WhileUndecided whileUndecided = WhileUndecided.ADVANCE;
    private Double detect;
    private Double detectSlowdown;
    private double beta = DEFAULT_BETA;

    private Builder() {}

    /**
     * The highest false rollback rate, between 0 and 1 exclusive.
     *
     * @param alpha the rate, between 0 and 1 exclusive; 0.01 by default
     * @return this builder
     */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /**
     * How much worse than the primary the canary may be, as a fraction (0.25 is 25 %).
     *
     * @param fraction the allowed degradation, 0 or more
     * @return this builder
     */
    public Builder allowedDegradation(double fraction) {
      this.allowedDegradation = fraction;
      return this;
    }

    /**
     * The primary's latency quantile whose histogram bucket bounds a slow request.
     *
     * @param quantile the quantile, between 0 and 1 exclusive; 0.99 by default
     * @return this builder
     */
    public Builder latencyQuantile(double quantile) {
      this.latencyQuantile = quantile;
      return this;
    }

    /**
     * What an analysis does while the test has not decided yet.
     *
     * @param whileUndecided advance or hold; not {@code null}
     * @return this builder
     */
    public Builder whileUndecided(WhileUndecided whileUndecided) {
      this.whileUndecided = Objects.requireNonNull(whileUndecided, "whileUndecided");
      return this;
    }

    /**
     * Makes the test two-sided: a canary whose bad-request rate is {@code ratio} x the primary's (2 for
     * "2x") is let through with probability at most beta.
     *
     * @param ratio the rate ratio to detect, above the acceptable ratio
     * @return this builder
     */
    public Builder detect(double ratio) {
      this.detect = ratio;
      return this;
    }

    /**
     * Makes a latency test two-sided: a canary whose every request is {@code fraction} slower (0.3 is
     * 30 %) is let through with probability at most beta; translated into a slow-request ratio through
     * the primary's histogram in the tick that fixes the slow-request bound.
     *
     * @param fraction the slowdown to detect, positive
     * @return this builder
     */
    public Builder detectSlowdown(double fraction) {
      this.detectSlowdown = fraction;
      return this;
    }

    /**
     * The highest share of canaries at the detected degradation that a two-sided test lets through.
     *
     * @param beta the share, between 0 and 1 exclusive
     * @return this builder
     */
    public Builder beta(double beta) {
      this.beta = beta;
      return this;
    }

    /**
     * The configuration, or an {@link InvalidPolicyException} naming every broken rule.
     *
     * @return the valid configuration
     */
    public SequentialConfig build() {
      SequentialConfig config = new SequentialConfig(this);
      List<Violation> violations = config.violations(JUDGE_NAME);
      if (!violations.isEmpty()) {
        throw new InvalidPolicyException(violations);
      }
      return config;
    }
  }
}
