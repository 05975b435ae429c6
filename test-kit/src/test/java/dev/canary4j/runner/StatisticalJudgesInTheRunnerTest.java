package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.policy.JudgeConfig;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Scoring;
import dev.canary4j.policy.Violation;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricSeries;
import dev.canary4j.spi.RequestCounts;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.store.JsonFileStateStore;
import dev.canary4j.test.RunnerFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the runner measures and judges a metric by the judge its policy names. */
class StatisticalJudgesInTheRunnerTest {

  private record SomeOtherJudge() implements JudgeConfig {
    @Override
    public String judgeName() {
      return "bayesian";
    }

    @Override
    public List<Violation> violations(String path) {
      return List.of();
    }
  }

  private static final MetricCheck SEQUENTIAL_ERRORS = MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE)
      .withJudge(SequentialConfig.ofDefaults());
  private static final MetricCheck MANN_WHITNEY_LATENCY = MetricCheck.named(MetricCheck.REQUEST_DURATION)
      .withJudge(MannWhitneyConfig.custom().direction(Direction.INCREASE).build());

  private final RunnerFixture f = new RunnerFixture();
  private CanaryRunner runner;
  private RunnerEvent.Decided last;

  private List<Verdict> firstAnalysis(MetricCheck... metrics) {
    runner = f.builder().build();
    runner.register(RunnerFixture.twoSteps().metrics(List.of(metrics)).build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    runner.tick(ID);
    last = runner.tick(ID);
    return last.verdicts();
  }

  private static MetricObservation series(double[] canary, double[] primary) {
    return new MetricObservation(Measurement.of(canary[0], 1000), Measurement.of(primary[0], 1000),
        new MetricSeries(new long[canary.length], canary), new MetricSeries(new long[primary.length], primary));
  }

  private static MetricObservation errors(long canaryRequests, long canaryErrors, long primaryRequests, long primaryErrors) {
    return MetricObservation.of(Measurement.of(99, canaryRequests), Measurement.of(99, primaryRequests))
        .withCounts(RequestCounts.ofErrors(canaryRequests, canaryErrors), RequestCounts.ofErrors(primaryRequests, primaryErrors));
  }

  @Test
  void asksForSeriesForMannWhitneyAndForCountsForTheSequentialJudgeOnly() {
    f.metrics().answer(MetricCheck.REQUEST_SUCCESS_RATE, () -> errors(1000, 5, 9000, 45));
    f.metrics().answer(MetricCheck.REQUEST_DURATION, () -> series(new double[] {100, 101, 102}, new double[] {100, 101, 102}));

    firstAnalysis(SEQUENTIAL_ERRORS, MANN_WHITNEY_LATENCY);

    assertThat(f.metrics().queries()).filteredOn(q -> q.metric().name().equals(MetricCheck.REQUEST_SUCCESS_RATE))
        .isNotEmpty().allSatisfy(q -> assertThat(q.requestCounts() && !q.rawSeries()).isTrue());
    assertThat(f.metrics().queries()).filteredOn(q -> q.metric().name().equals(MetricCheck.REQUEST_DURATION))
        .isNotEmpty().allSatisfy(q -> assertThat(q.rawSeries() && !q.requestCounts()).isTrue());
  }

  @Test
  void judgesAMannWhitneyMetricOnTheRawSeries() {
    f.metrics().answer(MetricCheck.REQUEST_DURATION, () -> series(new double[] {200, 210, 205, 220, 215, 208},
        new double[] {100, 104, 98, 101, 99, 103}));

    Verdict v = firstAnalysis(MANN_WHITNEY_LATENCY).get(0);

    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(v.statistics()).containsKeys("estimate", "lower", "upper", "pValue");
    assertThat(v.statistics().get("lower")).isGreaterThan(90);
  }

  @Test
  void judgesASequentialMetricOnTheCountsAndCarriesItsEvidenceInTheState() {
    f.metrics().answer(MetricCheck.REQUEST_SUCCESS_RATE, () -> errors(1000, 5, 9000, 45));

    Verdict first = firstAnalysis(SEQUENTIAL_ERRORS).get(0);
    SequentialEvidence afterOne = last.state().evidence().get(MetricCheck.REQUEST_SUCCESS_RATE);
    SequentialEvidence afterTwo = runner.tick(ID).state().evidence().get(MetricCheck.REQUEST_SUCCESS_RATE);

    assertThat(first.label()).isEqualTo(VerdictLabel.PASS);
    assertThat(first.statistics()).containsEntry("canaryRequests", 1000.0).containsEntry("primaryBad", 45.0);
    assertThat(afterOne.canaryRequests()).isEqualTo(1000);
    assertThat(afterTwo.canaryRequests()).isEqualTo(2000);
    assertThat(afterTwo.ticks()).isEqualTo(2);
  }

  @Test
  void aRestartedRunnerContinuesTheSequentialTestFromTheStoredEvidence(@TempDir Path dir) {
    RunnerFixture onDisk = new RunnerFixture(new JsonFileStateStore(dir));
    onDisk.metrics().answer(MetricCheck.REQUEST_SUCCESS_RATE, () -> errors(1000, 5, 9000, 45));
    var policy = RunnerFixture.twoSteps().metrics(List.of(SEQUENTIAL_ERRORS)).build();
    CanaryRunner first = onDisk.started(policy);
    first.tick(ID);
    first.tick(ID);
    first.close();

    CanaryRunner second = onDisk.builder().build();
    second.register(policy);
    // Its first interval is not judged (the stored weights are owed after a load) and adds nothing.
    assertThat(catchThrowable(() -> second.tick(ID))).hasMessageContaining("not judged");
    SequentialEvidence resumed = second.tick(ID).state().evidence().get(MetricCheck.REQUEST_SUCCESS_RATE);

    assertThat(resumed.canaryRequests()).isEqualTo(2000);
    assertThat(resumed.primaryBad()).isEqualTo(90);
  }

  @Test
  void aSequentialMetricWithoutCountsGetsAnErrorVerdictAndKeepsItsEvidence() {
    f.metrics().set(MetricCheck.REQUEST_SUCCESS_RATE, 99.9);

    Verdict v = firstAnalysis(SEQUENTIAL_ERRORS).get(0);

    assertThat(v.label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(v.reason()).contains("no request counts");
    assertThat(last.state().evidence().get(MetricCheck.REQUEST_SUCCESS_RATE)).isEqualTo(SequentialEvidence.none());
  }

  @Test
  void aProviderFailureOfAStatisticalMetricIsAnErrorVerdict() {
    f.metrics().answer(MetricCheck.REQUEST_DURATION, () -> {
      throw new TransientAdapterException("Prometheus answered 503");
    });

    Verdict v = firstAnalysis(MANN_WHITNEY_LATENCY).get(0);

    assertThat(v.label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(v.reason()).contains("503");
  }

  @Test
  void aBrokenThresholdNextToAStatisticalJudgeFailsTheMetricWhateverTheJudgeSays() {
    f.metrics().answer(MetricCheck.REQUEST_SUCCESS_RATE, () -> errors(1000, 5, 9000, 45));

    Verdict v = firstAnalysis(SEQUENTIAL_ERRORS.withMin(99.9)).get(0);

    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_LOW);
    assertThat(last.state().evidence()).containsKey(MetricCheck.REQUEST_SUCCESS_RATE);
  }

  @Test
  void aJudgeTheRunnerDoesNotKnowGetsAnErrorVerdictNamingItWithoutAQuery() {
    List<Verdict> verdicts = firstAnalysis(MetricCheck.successRate(99),
        MetricCheck.named(MetricCheck.REQUEST_DURATION).withJudge(new SomeOtherJudge()));

    assertThat(verdicts.get(1).label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(verdicts.get(1).reason()).contains("'bayesian' is not supported");
    assertThat(f.metrics().queriesOf(MetricCheck.REQUEST_DURATION)).isZero();
  }

  @Test
  void aGuardRailBrokenByAScoredMetricFailsTheAnalysisWhateverTheScore() {
    MetricSeries same = new MetricSeries(new long[] {1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 5});
    f.metrics().answer("p99", () -> new MetricObservation(Measurement.of(900, 1000), Measurement.of(100, 1000), same, same));
    f.metrics().answer("errors", () -> new MetricObservation(Measurement.of(1, 1000), Measurement.of(1, 1000), same, same));
    runner = f.builder().build();
    runner.register(RunnerFixture.twoSteps().metrics(List.of(
        MetricCheck.named("p99").withQuery("q").withMax(500.0).withJudge(MannWhitneyConfig.ofDefaults()),
        MetricCheck.named("errors").withQuery("q").withJudge(MannWhitneyConfig.ofDefaults())))
        .score(Scoring.of(50, 25)).build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    runner.tick(ID);

    last = runner.tick(ID);

    assertThat(last.verdicts()).filteredOn(v -> v.metric().equals("p99")).singleElement().satisfies(v -> {
      assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
      assertThat(v.guardRail()).isTrue();
      assertThat(v.statistics()).isEmpty();
    });
    assertThat(last.verdicts()).filteredOn(v -> v.metric().equals(Scoring.VERDICT_NAME)).singleElement()
        .satisfies(v -> assertThat(v.label()).isEqualTo(VerdictLabel.PASS));
    assertThat(last.state().counters().failures()).isEqualTo(1);
    assertThat(runner.status(ID).split()).isEqualTo(dev.canary4j.TrafficSplit.canary(25));
  }
}
