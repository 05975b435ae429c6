package dev.canary4j.analysis;

import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.mannwhitney.MannWhitneyJudge;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.judge.sequential.SequentialJudge;
import dev.canary4j.judge.sequential.SequentialResult;
import dev.canary4j.judge.sequential.TickCounts;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.RequestCounts;
import java.time.Duration;
import java.time.Instant;

/**
 * Judges one metric's observation with the judge its policy names: thresholds, Mann-Whitney on the
 * raw series, or the sequential test on the request counts with the evidence of earlier ticks.
 *
 * <p>Thresholds given next to a statistical judge are a guard rail: a bound the canary breaks fails
 * the metric whatever the statistical judge says. Pure: a host judges a canary with it without a
 * runner, measuring with any {@link dev.canary4j.spi.MetricSource} it likes.
 */
public final class MetricJudges {

  /** A verdict and, for the sequential judge, the evidence to carry to the next tick ({@code null} otherwise). */
  public record Judged(Verdict verdict, SequentialEvidence evidence) {}

  private MetricJudges() {}

  /**
   * Whether the metric's judge needs per-step series from the metric source.
   *
   * @param check the metric
   * @return {@code true} for the Mann-Whitney judge
   */
  public static boolean needsSeries(MetricCheck check) {
    return check.judge() instanceof MannWhitneyConfig;
  }

  /**
   * Whether the metric's judge needs request counts from the metric source.
   *
   * @param check the metric
   * @return {@code true} for the sequential judge
   */
  public static boolean needsCounts(MetricCheck check) {
    return check.judge() instanceof SequentialConfig;
  }

  /**
   * The query a runner's tick at {@code now} makes for {@code check} of {@code policy}: the metric's own
   * window, else the tick interval for a judge that adds up evidence across ticks and the analysis
   * interval for the others; series and request counts as the metric's judge needs them.
   *
   * @param policy the policy the check belongs to; its target and intervals shape the query
   * @param check the metric to measure
   * @param now the tick's time, which ends the window
   * @return the query the runner and a replay make for this metric at this tick
   */
  public static MetricQuery queryAt(CanaryPolicy policy, MetricCheck check, Instant now) {
    Duration window = check.windowOr(check.judge() != null && check.judge().accumulatesAcrossTicks()
        ? policy.analysis().tickInterval() : policy.analysis().interval());
    return new MetricQuery(policy.target(), check, now, window, needsSeries(check),
        needsCounts(check));
  }

  /**
   * Whether the runner knows how to apply the metric's judge.
   *
   * @param check the metric
   * @return {@code true} for thresholds, the Mann-Whitney judge and the sequential judge
   */
  public static boolean supports(MetricCheck check) {
    return check.judge() == null || needsSeries(check) || needsCounts(check);
  }

  /**
   * Judges {@code check} on what was {@code seen}; the sequential judge continues from the evidence
   * {@code before} ({@link SequentialEvidence#none()} for a first look).
   *
   * @param check the metric and its judge
   * @param seen what the metric source measured
   * @param before the sequential judge's evidence so far
   * @return the verdict, and the new evidence for the sequential judge
   */
  public static Judged judge(MetricCheck check, MetricObservation seen, SequentialEvidence before) {
    if (check.judge() == null) {
      return new Judged(ThresholdJudge.judge(check, seen.canary(), seen.primary()), null);
    }
    Judged statistical = check.judge() instanceof SequentialConfig config
        ? sequential(check, config, seen, before)
        : new Judged(MannWhitneyJudge.judge(check, seen.canarySeries().values(), seen.primarySeries().values()), null);
    if (hasThresholds(check)) {
      Verdict bounds = ThresholdJudge.judge(check, seen.canary(), seen.primary());
      if (bounds.label().isFailure()) {
        return new Judged(bounds.asGuardRail(), statistical.evidence());
      }
    }
    return statistical;
  }

  private static Judged sequential(MetricCheck check, SequentialConfig config, MetricObservation seen,
      SequentialEvidence before) {
    RequestCounts canary = seen.canaryCounts();
    RequestCounts primary = seen.primaryCounts();
    SequentialResult result;
    if (canary == null || primary == null) {
      return new Judged(Verdict.error(check.name(), check.critical(), "the metric source reported no request counts"
          + " for the " + (canary == null ? "canary" : "primary") + ", which the sequential judge needs"), before);
    } else if (canary.latency() != null && primary.latency() != null) {
      result = SequentialJudge.observeLatency(config, before, canary.latency(), primary.latency());
    } else if (canary.countsErrors() && primary.countsErrors()) {
      result = SequentialJudge.observe(config, before, TickCounts.of(canary.requests(), canary.errors()),
          TickCounts.of(primary.requests(), primary.errors()));
    } else {
      return new Judged(Verdict.error(check.name(), check.critical(), "the metric source counted neither errors"
          + " nor a latency histogram for both versions, which the sequential judge needs"), before);
    }
    return new Judged(result.toVerdict(check.name(), check.critical()), result.evidence());
  }

  private static boolean hasThresholds(MetricCheck check) {
    return check.min() != null || check.max() != null || check.maxIncrease() != null || check.maxDecrease() != null;
  }
}
