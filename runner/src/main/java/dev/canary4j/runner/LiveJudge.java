package dev.canary4j.runner;

import dev.canary4j.TickAnalysis;
import dev.canary4j.analysis.MetricJudges;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Judges a live canary against its primary once, without a runner: measures every metric of a policy
 * from a {@link MetricSource} and analyses the verdicts as a tick of the machine would, gates left out.
 * This is the deploy gate of a pipeline step. Each metric is measured once (the source's own retries
 * aside); a failure of the source becomes that metric's {@code ERROR} verdict, naming the failure.
 */
public final class LiveJudge {

  private LiveJudge() {}

  /**
   * Judges {@code policy}'s metrics at {@code at}: over {@code window} for every metric, or over each
   * metric's own window ({@code interval}, else the analysis interval) when {@code window} is {@code null}.
   * The sequential judge starts without evidence, as on a first tick.
   *
   * @param policy the policy whose metrics are judged
   * @param source where the metric values come from
   * @param at the end of every window
   * @param window one window for every metric, or {@code null} for each metric's own
   * @return the verdicts and the analysis outcome, as a tick would judge them
   */
  public static TickAnalysis judge(CanaryPolicy policy, MetricSource source, Instant at, Duration window) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (window != null && (window.isZero() || window.isNegative())) {
      throw new IllegalArgumentException("window must be positive, but was " + window);
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (MetricCheck check : policy.analysis().metrics()) {
      verdicts.add(judge(policy, check, source, at, window));
    }
    return TickAnalysis.ofVerdicts(policy, verdicts);
  }

  private static Verdict judge(CanaryPolicy policy, MetricCheck check, MetricSource source, Instant at, Duration window) {
    if (!MetricJudges.supports(check)) {
      return Verdict.error(check.name(), check.critical(), "the judge '" + check.judge().judgeName()
          + "' is not supported (known: mann-whitney, sequential)");
    }
    Duration span = window != null ? window : check.windowOr(policy.analysis().interval());
    MetricQuery query = new MetricQuery(policy.target(), check, at, span, MetricJudges.needsSeries(check),
        MetricJudges.needsCounts(check));
    MetricObservation seen;
    try {
      seen = source.measure(query);
    } catch (AdapterException e) {
      return Verdict.error(check.name(), check.critical(), "the metric source failed ("
          + (e.isTransient() ? "transient" : "permanent") + "): " + e.getMessage());
    }
    if (seen == null) {
      return Verdict.error(check.name(), check.critical(), "the metric source returned no observation (null)");
    }
    return MetricJudges.judge(check, seen, SequentialEvidence.none()).verdict();
  }
}
