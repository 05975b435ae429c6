package dev.canary4j.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A complete canary policy: the target, the strategy, the analysis, the gates and promotion.
 *
 * <p>Construction validates the whole tree and throws {@link InvalidPolicyException} listing every
 * violation with its path; an instance is therefore always valid. Build one with {@link #builder()}
 * or read one from YAML or JSON with {@code dev.canary4j.spec.PolicyReader}.
 *
 * @param target the workload and its primary/canary names
 * @param strategy how traffic reaches the canary
 * @param analysis the metrics and limits
 * @param promotion how a passing canary becomes the primary
 * @param gates external checks and approvals
 * @param progressDeadline longest time an active rollout may go without progress (a canary that is
 *     not ready makes none) before it rolls back; it does not run while paused. {@code null} gives
 *     {@link #DEFAULT_PROGRESS_DEADLINE}, or two analysis intervals when that is longer
 */
public record CanaryPolicy(Target target, Strategy strategy, Analysis analysis, Promotion promotion,
    List<GateSpec> gates, Duration progressDeadline) {

  /** The progress deadline when none is set: Flagger's ten minutes. */
  public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(10);

  /**
   * Fills in the defaults for {@code null} parts and validates the whole tree, throwing
   * {@link InvalidPolicyException} with every violation.
   *
   * @param target the workload and its primary/canary names; required
   * @param strategy how traffic reaches the canary; required
   * @param analysis the metrics and limits, or {@code null} for an analysis without metrics
   * @param promotion how a passing canary becomes the primary, or {@code null} for all at once
   * @param gates external checks and approvals, or {@code null} for none
   * @param progressDeadline longest time without progress, or {@code null} for the default
   */
  public CanaryPolicy {
    analysis = analysis == null ? new Analysis(null, null, null) : analysis;
    if (progressDeadline == null && analysis.interval() != null) {
      // Two intervals at least, so that a long interval still leaves a tick before the deadline.
      Duration twice = analysis.interval().multipliedBy(2);
      if (twice.compareTo(Violations.MAX_DURATION) <= 0) {
        progressDeadline = twice.compareTo(DEFAULT_PROGRESS_DEADLINE) > 0 ? twice : DEFAULT_PROGRESS_DEADLINE;
      }
    }
    promotion = promotion == null ? Promotion.allAtOnce() : promotion;
    gates = Violations.copy(gates);
    Violations v = new Violations();
    if (target == null) {
      v.missing("target");
    } else {
      target.check(v, "target");
    }
    if (strategy == null) {
      v.add("strategy", "is required (one of canary, blueGreen, abTesting)", null);
    } else {
      strategy.check(v, "strategy." + strategyKey(strategy));
    }
    analysis.check(v, "analysis");
    promotion.check(v, "promotion");
    Set<String> gateNames = new HashSet<>();
    for (int i = 0; i < gates.size(); i++) {
      GateSpec g = gates.get(i);
      if (g == null) {
        v.missing("gates[" + i + "]");
        continue;
      }
      g.check(v, "gates[" + i + "]");
      if (g.name() != null && !gateNames.add(g.name())) {
        v.add("gates[" + i + "].name", "must be unique among the gates", g.name());
      }
    }
    if (progressDeadline != null && progressDeadline.compareTo(analysis.interval()) <= 0) {
      v.add("progressDeadline", "must be longer than the analysis interval (" + analysis.interval() + ")", progressDeadline);
    } else if (progressDeadline != null && progressDeadline.compareTo(Violations.MAX_DURATION) > 0) {
      v.add("progressDeadline", "must be at most 366 days (P366D)", progressDeadline);
    }
    v.throwIfAny();
  }

  /**
   * The key under which a strategy appears in policy files: canary, blueGreen or abTesting.
   *
   * @param strategy a strategy of this package
   * @return {@code canary}, {@code blueGreen} or {@code abTesting}
   */
  public static String strategyKey(Strategy strategy) {
    if (strategy instanceof CanaryStrategy) {
      return "canary";
    }
    return strategy instanceof BlueGreenStrategy ? "blueGreen" : "abTesting";
  }

  /**
   * The gates of {@code type}, in policy order.
   *
   * @param type the kind of gate
   * @return the gates, possibly empty
   */
  public List<GateSpec> gates(GateType type) {
    return gates.stream().filter(g -> g.type() == type).toList();
  }

  /**
   * The gate named {@code name}.
   *
   * @param name the gate's name
   * @return the gate, or empty when the policy has none of that name
   */
  public Optional<GateSpec> gate(String name) {
    return gates.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /**
   * A builder with the defaults: one-minute interval, default limits, promotion all at once.
   *
   * @return a new builder; target and strategy must still be set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised with this policy's values.
   *
   * @return a new builder; this policy is unchanged
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.target = target;
    b.strategy = strategy;
    b.interval = analysis.interval();
    b.lookInterval = analysis.lookInterval();
    b.metrics.addAll(analysis.metrics());
    b.limits = analysis.limits();
    b.scoring = analysis.scoring();
    b.promotion = promotion;
    b.gates.addAll(gates);
    b.progressDeadline = progressDeadline;
    return b;
  }

  /** Assembles a policy; {@link #build()} validates it as a whole. Not thread-safe. */
  public static final class Builder {
    private Target target;
    private Strategy strategy;
    private Duration interval;
    private Duration lookInterval;
    private final List<MetricCheck> metrics = new ArrayList<>();
    private Limits limits;
    private Scoring scoring;
    private Promotion promotion;
    private final List<GateSpec> gates = new ArrayList<>();
    private Duration progressDeadline;

    private Builder() {}

    /**
     * The workload to roll out; required.
     *
     * @param target the target
     * @return this builder
     */
    public Builder target(Target target) {
      this.target = target;
      return this;
    }

    /**
     * The workload {@code name} in {@code namespace}, with the default primary and canary names.
     *
     * @param namespace the target's namespace
     * @param name the target's name, also the canary's; the primary is {@code <name>-primary}
     * @return this builder
     */
    public Builder target(String namespace, String name) {
      return target(Target.of(namespace, name));
    }

    /**
     * How traffic moves: canary steps, blue/green or A/B; required.
     *
     * @param strategy a canary, blue/green or A/B strategy
     * @return this builder
     */
    public Builder strategy(Strategy strategy) {
      this.strategy = strategy;
      return this;
    }

    /**
     * Time between analyses and the default query window; 1 minute by default.
     *
     * @param interval time between analyses; positive
     * @return this builder
     */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /**
     * Time between ticks when the judges should look more often than the weight steps; unset by default.
     *
     * @param lookInterval time between ticks, dividing the interval; or {@code null} to unset
     * @return this builder
     */
    public Builder lookInterval(Duration lookInterval) {
      this.lookInterval = lookInterval;
      return this;
    }

    /**
     * Adds a metric to judge at every analysis.
     *
     * @param metric the metric to add after those already added
     * @return this builder
     */
    public Builder metric(MetricCheck metric) {
      this.metrics.add(metric);
      return this;
    }

    /**
     * Replaces the metrics to judge.
     *
     * @param metrics the metrics, in the order they are judged and reported
     * @return this builder
     */
    public Builder metrics(List<MetricCheck> metrics) {
      this.metrics.clear();
      this.metrics.addAll(metrics);
      return this;
    }

    /**
     * The failure, inconclusive and error limits; {@link Limits#ofDefaults()} by default.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = limits;
      return this;
    }

    /**
     * Combines the verdicts of the metrics whose judge takes part in a score (Mann-Whitney) into one
     * Kayenta-style score that decides instead of them; {@code null} (the default) lets every metric
     * count on its own.
     *
     * @param scoring the scoring, or {@code null}
     * @return this builder
     */
    public Builder score(Scoring scoring) {
      this.scoring = scoring;
      return this;
    }

    /**
     * How a passing canary is promoted; all at once by default.
     *
     * @param promotion all at once, or progressive by a step weight
     * @return this builder
     */
    public Builder promotion(Promotion promotion) {
      this.promotion = promotion;
      return this;
    }

    /**
     * Adds a gate.
     *
     * @param gate the gate to add after those already added; its name must be unique
     * @return this builder
     */
    public Builder gate(GateSpec gate) {
      this.gates.add(gate);
      return this;
    }

    /**
     * Replaces the gates.
     *
     * @param gates the gates, in policy order
     * @return this builder
     */
    public Builder gates(List<GateSpec> gates) {
      this.gates.clear();
      this.gates.addAll(gates);
      return this;
    }

    /**
     * Longest time without progress before a rollback, or {@code null} for none (the default).
     *
     * @param progressDeadline the deadline, or {@code null}
     * @return this builder
     */
    public Builder progressDeadline(Duration progressDeadline) {
      this.progressDeadline = progressDeadline;
      return this;
    }

    /**
     * Validates and returns the policy, or throws {@link InvalidPolicyException} with every violation.
     *
     * @return the valid policy
     */
    public CanaryPolicy build() {
      return new CanaryPolicy(target, strategy, new Analysis(interval, metrics, limits, scoring, lookInterval), promotion, gates, progressDeadline);
    }
  }
}
