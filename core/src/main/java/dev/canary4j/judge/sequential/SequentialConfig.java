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
 * tells the state machine. Immutable; build with {@link #custom()}, whose {@code build()} reports every
 * broken rule at once.
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

  /** What an undecided tick (neither FAIL nor PASS yet) tells the state machine. */
  public enum WhileUndecided {
    /** {@code PASS}: keep stepping while the test watches; it can still fail later. */
    ADVANCE,
    /** {@code NO_DATA}: hold the step (the metric's no-data policy applies) until the test decides. */
    HOLD
  }

  private final double alpha;
  private final double allowedDegradation;
  private final double latencyQuantile;
  private final WhileUndecided whileUndecided;

  private SequentialConfig(Builder b) {
    this.alpha = b.alpha;
    this.allowedDegradation = b.allowedDegradation;
    this.latencyQuantile = b.latencyQuantile;
    this.whileUndecided = b.whileUndecided;
  }

  /** alpha 0.01, 25 % allowed degradation, p99 for latency, advance while undecided. */
  public static SequentialConfig ofDefaults() {
    return custom().build();
  }

  /** A builder starting from the defaults. */
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
    return v;
  }

  /** Bound on the probability that a canary no worse than allowed is ever failed. */
  public double alpha() {
    return alpha;
  }

  /** Acceptable relative increase of the canary's bad-request rate over the primary's (0.25 = 25 %). */
  public double allowedDegradation() {
    return allowedDegradation;
  }

  /** The primary's latency quantile whose histogram bucket bounds "slow". */
  public double latencyQuantile() {
    return latencyQuantile;
  }

  /** What an analysis does while the test has not decided yet. */
  public WhileUndecided whileUndecided() {
    return whileUndecided;
  }

  /** The largest acceptable ratio of the canary's rate to the primary's: 1 + allowed degradation. */
  public double acceptableRatio() {
    return 1 + allowedDegradation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequentialConfig c && alpha == c.alpha && allowedDegradation == c.allowedDegradation
        && latencyQuantile == c.latencyQuantile && whileUndecided == c.whileUndecided;
  }

  @Override
  public int hashCode() {
    return Objects.hash(alpha, allowedDegradation, latencyQuantile, whileUndecided);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SequentialConfig[alpha=%s, allowedDegradation=%s, latencyQuantile=%s, whileUndecided=%s]",
        alpha, allowedDegradation, latencyQuantile, whileUndecided);
  }

  /** Builds a {@link SequentialConfig}; {@link #build()} validates every field at once. */
  public static final class Builder {
    private double alpha = DEFAULT_ALPHA;
    private double allowedDegradation = DEFAULT_ALLOWED_DEGRADATION;
    private double latencyQuantile = DEFAULT_LATENCY_QUANTILE;
    private WhileUndecided whileUndecided = WhileUndecided.ADVANCE;

    private Builder() {}

    /** The highest false rollback rate, between 0 and 1 exclusive. */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** How much worse than the primary the canary may be, as a fraction (0.25 is 25 %). */
    public Builder allowedDegradation(double fraction) {
      this.allowedDegradation = fraction;
      return this;
    }

    /** The primary's latency quantile whose histogram bucket bounds a slow request. */
    public Builder latencyQuantile(double quantile) {
      this.latencyQuantile = quantile;
      return this;
    }

    /** What an analysis does while the test has not decided yet. */
    public Builder whileUndecided(WhileUndecided whileUndecided) {
      this.whileUndecided = Objects.requireNonNull(whileUndecided, "whileUndecided");
      return this;
    }

    /** The configuration, or an {@link InvalidPolicyException} naming every broken rule. */
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
