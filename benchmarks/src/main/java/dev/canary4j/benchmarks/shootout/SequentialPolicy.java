package dev.canary4j.benchmarks.shootout;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.LatencyHistogram;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.judge.sequential.SequentialJudge;
import dev.canary4j.judge.sequential.SequentialResult;
import dev.canary4j.judge.sequential.TickCounts;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequential judge on error counts and on requests slower than the primary's p95 bucket, alpha
 * 0.01, 25 % allowed degradation; both metrics critical, since a FAIL is already the alpha-controlled
 * decision. Same steps as Flagger's default; an undecided test lets the weight advance.
 */
final class SequentialPolicy implements Contestant {

  static final SequentialConfig CONFIG = SequentialConfig.custom().alpha(0.01).allowedDegradation(0.25)
      .latencyQuantile(0.95).build();

  private final TrafficModel model;

  SequentialPolicy(TrafficModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "Sequential (alpha 0.01)";
  }

  @Override
  public CanaryPolicy policy() {
    return CanaryPolicy.builder().target("shop", "podinfo").strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.named("errors").withQuery("errors").withCritical(true).withJudge(CONFIG))
        .metric(MetricCheck.named("slow-requests").withQuery("latency").withCritical(true).withJudge(CONFIG)).build();
  }

  @Override
  public Judging start() {
    Map<String, SequentialEvidence> evidence = new HashMap<>();
    return (planned, minute) -> {
      List<Verdict> verdicts = new ArrayList<>();
      for (MetricCheck check : planned) {
        SequentialEvidence before = evidence.getOrDefault(check.name(), SequentialEvidence.none());
        SequentialResult r = check.name().equals("errors")
            ? SequentialJudge.observe(CONFIG, before, TickCounts.of(minute.canaryRequests(), minute.canaryErrors()),
                TickCounts.of(requests(minute.primary()), errors(minute.primary())))
            : SequentialJudge.observeLatency(CONFIG, before,
                new LatencyHistogram(model.bucketBounds(), TrafficModel.sum(minute.canary())),
                new LatencyHistogram(model.bucketBounds(), TrafficModel.sum(minute.primary())));
        evidence.put(check.name(), r.evidence());
        verdicts.add(r.toVerdict(check.name(), check.critical()));
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
