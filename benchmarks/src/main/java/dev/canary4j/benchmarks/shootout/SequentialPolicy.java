package dev.canary4j.benchmarks.shootout;

import dev.canary4j.judge.Measurement;
import dev.canary4j.analysis.MetricJudges;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.LatencyHistogram;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.RequestCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequential judge on error counts and on requests slower than the primary's p95 bucket, alpha
 * 0.01, with a given allowed degradation; both metrics critical, since a FAIL is already the
 * alpha-controlled decision. Same steps as Flagger's default; an undecided test lets the weight advance.
 */
final class SequentialPolicy implements Contestant {

  private final TrafficModel model;
  private final SequentialConfig config;
  private final SequentialConfig latencyConfig;
  private final Duration interval;
  private final Duration lookInterval;

  /**
   * With {@code interval} shorter than Flagger's minute: an anytime-valid test may look as often as it
   * likes without raising its false-rollback rate, so looking more often only makes it faster.
   */
  SequentialPolicy(TrafficModel model, double allowedDegradation, Duration interval) {
    this(model, allowedDegradation, interval, SequentialConfig.WhileUndecided.ADVANCE);
  }

  /**
   * With {@code HOLD}, an undecided test holds the step (an inconclusive analysis) instead of letting
   * the weight advance; the inconclusive limit is then raised so that holding never pauses the rollout.
   */
  SequentialPolicy(TrafficModel model, double allowedDegradation, Duration interval,
      SequentialConfig.WhileUndecided whileUndecided) {
    this(model, SequentialConfig.custom().alpha(0.01).allowedDegradation(allowedDegradation)
        .latencyQuantile(0.95).whileUndecided(whileUndecided).build(), null, interval, null);
  }

  private SequentialPolicy(TrafficModel model, SequentialConfig config, SequentialConfig latencyConfig, Duration interval,
      Duration lookInterval) {
    this.model = model;
    this.config = config;
    this.latencyConfig = latencyConfig == null ? config : latencyConfig;
    this.interval = interval;
    this.lookInterval = lookInterval;
  }

  /**
   * The two-sided design of examples/policies/fast-and-safe.yaml: Wald's SPRT of "no worse than the
   * primary" against "2x the errors" and against "every request 15 % slower" (slow: above the
   * primary's p95 bucket), alpha 0.005 per metric (0.01 for the two together), beta 0.05; the weight
   * steps every minute while the tests look every {@code look}; an undecided test lets the weight
   * advance but holds the promotion.
   */
  static SequentialPolicy twoSided(TrafficModel model, Duration look) {
    SequentialConfig.Builder b = SequentialConfig.custom().alpha(TWO_SIDED_ALPHA).beta(TWO_SIDED_BETA).allowedDegradation(0)
        .latencyQuantile(0.95).whileUndecided(SequentialConfig.WhileUndecided.HOLD_PROMOTION);
    return new SequentialPolicy(model, b.detect(2).build(), b.detectSlowdown(0.15).build(), Duration.ofMinutes(1), look);
  }

  static final double TWO_SIDED_ALPHA = 0.005;
  static final double TWO_SIDED_BETA = 0.05;

  /** Whether this is the two-sided design. */
  boolean isTwoSided() {
    return config.twoSided();
  }

  /** The allowed degradation, as a fraction. */
  double allowedDegradation() {
    return config.allowedDegradation();
  }

  @Override
  public String name() {
    if (config.twoSided()) {
      return String.format(java.util.Locale.ROOT, "Two-sided SPRT (alpha %s per metric, beta %s, detect 2x errors / +15%% latency,"
          + " looks every %ds, steps every 60s)", TWO_SIDED_ALPHA, TWO_SIDED_BETA, lookInterval.toSeconds());
    }
    return String.format(java.util.Locale.ROOT, "Sequential (alpha 0.01, %.0f%% allowed, looks every %ds%s)",
        100 * config.allowedDegradation(), interval.toSeconds(),
        config.whileUndecided() == SequentialConfig.WhileUndecided.HOLD ? ", holds while undecided" : "");
  }

  @Override
  public CanaryPolicy policy() {
    return CanaryPolicy.builder().target("shop", "podinfo").strategy(CanaryStrategy.linear(10, 50))
        .interval(interval).lookInterval(lookInterval)
        .metric(MetricCheck.named("errors").withQuery("errors").withCritical(true).withJudge(config))
        .metric(MetricCheck.named("slow-requests").withQuery("latency").withCritical(true).withJudge(latencyConfig))
        .limits(config.whileUndecided() == SequentialConfig.WhileUndecided.HOLD
            ? new Limits(Limits.DEFAULT_FAILURE, null, Limit.rollbackAt(10_000), Limits.DEFAULT_ERROR) : null)
        // A held step makes no progress: past the simulation's end, so that only the judges decide.
        .progressDeadline(config.whileUndecided() == SequentialConfig.WhileUndecided.HOLD ? Duration.ofHours(3) : null)
        .build();
  }

  @Override
  public Judging start() {
    Map<String, SequentialEvidence> evidence = new HashMap<>();
    return (planned, traffic) -> {
      List<Verdict> verdicts = new ArrayList<>();
      for (MetricCheck check : planned) {
        SequentialEvidence before = evidence.getOrDefault(check.name(), SequentialEvidence.none());
        MetricObservation seen = MetricObservation.of(Measurement.noData(), Measurement.noData());
        seen = check.name().equals("errors")
            ? seen.withCounts(RequestCounts.ofErrors(traffic.canaryRequests(), traffic.canaryErrors()),
                RequestCounts.ofErrors(requests(traffic.primary()), errors(traffic.primary())))
            : seen.withCounts(RequestCounts.ofLatency(new LatencyHistogram(model.bucketBounds(), TrafficModel.sum(traffic.canary()))),
                RequestCounts.ofLatency(new LatencyHistogram(model.bucketBounds(), TrafficModel.sum(traffic.primary()))));
        // The same public judging call the runner makes, so the shootout measures what ships.
        MetricJudges.Judged judged = MetricJudges.judge(check, seen, before);
        evidence.put(check.name(), judged.evidence());
        verdicts.add(judged.verdict());
      }
      return verdicts;
    };
  }

  private static long requests(TrafficModel.Window[] windows) {
    long sum = 0;
    for (TrafficModel.Window w : windows) {
      sum += w.requests();
    }
    return sum;
  }

  private static long errors(TrafficModel.Window[] windows) {
    long sum = 0;
    for (TrafficModel.Window w : windows) {
      sum += w.errors();
    }
    return sum;
  }
}
