package dev.canary4j.runner;

import static dev.canary4j.runner.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.JudgeConfig;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Until statistical judges are wired into the runner, a metric is judged by its thresholds or reported. */
class StatisticalJudgeFallbackTest {

  private record SomeStatisticalJudge() implements JudgeConfig {
    @Override
    public String judgeName() {
      return "mann-whitney";
    }

    @Override
    public List<Violation> violations(String path) {
      return List.of();
    }
  }

  private final RunnerFixture f = new RunnerFixture();

  private List<Verdict> firstAnalysis(MetricCheck latency) {
    CanaryRunner runner = f.builder().build();
    runner.register(RunnerFixture.twoSteps().metrics(List.of(MetricCheck.successRate(99), latency)).build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    runner.tick(ID);
    return runner.tick(ID).verdicts();
  }

  @Test
  void aMetricWithOnlyAStatisticalJudgeGetsAnErrorVerdictNamingTheJudge() {
    List<Verdict> verdicts = firstAnalysis(MetricCheck.named("request-duration").withJudge(new SomeStatisticalJudge()));

    assertThat(verdicts.get(1).label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(verdicts.get(1).reason()).contains("'mann-whitney' is not supported");
    assertThat(f.metrics.queriesOf("request-duration")).isZero();
  }

  @Test
  void aMetricWithAJudgeAndThresholdsIsJudgedByItsThresholdsWithTheRawSeriesRequested() {
    List<Verdict> verdicts = firstAnalysis(MetricCheck.latencyP99(100).withJudge(new SomeStatisticalJudge()));

    assertThat(verdicts.get(1).label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(f.metrics.queries()).filteredOn(q -> q.metric().name().equals("request-duration"))
        .allSatisfy(q -> assertThat(q.rawSeries()).isTrue());
  }
}
