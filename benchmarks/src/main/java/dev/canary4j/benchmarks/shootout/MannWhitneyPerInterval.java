package dev.canary4j.benchmarks.shootout;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.mannwhitney.MannWhitneyJudge;
import dev.canary4j.judge.mannwhitney.NanStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kayenta-style: each minute, the six 10-second values of the canary's error rate and p99 are compared
 * with the primary's by the Mann-Whitney judge (Kayenta's defaults: tolerance 0.25, 98 %, direction
 * increase); same steps and failure limit as Flagger's default.
 */
final class MannWhitneyPerInterval implements Contestant {

  private static final MannWhitneyConfig CONFIG = MannWhitneyConfig.custom().direction(Direction.INCREASE)
      .nanStrategy(NanStrategy.REPLACE).build();

  private final TrafficModel model;

  MannWhitneyPerInterval(TrafficModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "Mann-Whitney per interval";
  }

  @Override
  public CanaryPolicy policy() {
    return CanaryPolicy.builder().target("shop", "podinfo").strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.named("error-rate").withQuery("errors").withJudge(CONFIG))
        .metric(MetricCheck.named("latency-p99").withQuery("p99").withJudge(CONFIG)).build();
  }

  @Override
  public Judging start() {
    return (planned, traffic) -> {
      List<Verdict> verdicts = new ArrayList<>();
      for (MetricCheck check : planned) {
        boolean errors = check.name().equals("error-rate");
        verdicts.add(MannWhitneyJudge.classify(check.name(), values(traffic.canary(), errors), values(traffic.primary(), errors),
            CONFIG).toVerdict());
      }
      return verdicts;
    };
  }

  private double[] values(TrafficModel.Window[] windows, boolean errors) {
    double[] values = new double[windows.length];
    for (int i = 0; i < windows.length; i++) {
      TrafficModel.Window w = windows[i];
      values[i] = errors ? (double) w.errors() / w.requests()
          : TrafficModel.histogramQuantile(0.99, model.bucketBounds(), w.cumulativeBuckets());
    }
    return values;
  }
}
