package dev.canary4j.benchmarks.shootout;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Flagger's default analysis: interval 1 m, step 10 % up to 50 %, success rate >= 99 %, p99 <= 500 ms
 * (histogram_quantile over the minute), five failed checks roll back. Run by canary4j's machine, the
 * rollback comes in the tick of the fifth failed check; Flagger's own scheduler compares the failed
 * checks with the threshold at the start of its next run, one interval later, which the second variant
 * models.
 */
final class FlaggerDefault implements Contestant {

  private final TrafficModel model;
  private final boolean flaggersTiming;

  /** The policy as canary4j runs it. */
  FlaggerDefault(TrafficModel model) {
    this(model, false);
  }

  /** With {@code flaggersTiming}, the rollback comes one interval late, as in Flagger itself. */
  FlaggerDefault(TrafficModel model, boolean flaggersTiming) {
    this.model = model;
    this.flaggersTiming = flaggersTiming;
  }

  @Override
  public String name() {
    return flaggersTiming ? "Flagger default, Flagger's timing" : "Flagger default";
  }

  @Override
  public int lateRollbackIntervals() {
    return flaggersTiming ? 1 : 0;
  }

  @Override
  public CanaryPolicy policy() {
    return CanaryPolicy.builder().target("shop", "podinfo").strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1)).metric(MetricCheck.successRate(99)).metric(MetricCheck.latencyP99(500)).build();
  }

  @Override
  public Judging start() {
    return (planned, traffic) -> {
      List<Verdict> verdicts = new ArrayList<>();
      for (MetricCheck check : planned) {
        verdicts.add(ThresholdJudge.judge(check, measure(check, traffic.canary()), measure(check, traffic.primary())));
      }
      return verdicts;
    };
  }

  private Measurement measure(MetricCheck check, TrafficModel.Window[] windows) {
    long requests = Arrays.stream(windows).mapToLong(TrafficModel.Window::requests).sum();
    if (requests == 0) {
      return Measurement.noData();
    }
    if (MetricCheck.REQUEST_SUCCESS_RATE.equals(check.name())) {
      long errors = Arrays.stream(windows).mapToLong(TrafficModel.Window::errors).sum();
      return Measurement.of(100.0 * (requests - errors) / requests, requests);
    }
    return Measurement.of(TrafficModel.histogramQuantile(0.99, model.bucketBounds(), TrafficModel.sum(windows)), requests);
  }
}
