package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.judge.sequential.SequentialJudge;
import dev.canary4j.judge.sequential.TickCounts;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.testing.Driver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The machine keeps the sequential judge's evidence between ticks and forgets it when an analysis starts. */
class SequentialEvidenceTest {

  private static final CanaryPolicy POLICY = CanaryPolicy.builder().target("shop", "podinfo")
      .strategy(CanaryStrategy.linear(10, 50)).interval(Duration.ofMinutes(1))
      .metric(MetricCheck.named(MetricCheck.REQUEST_SUCCESS_RATE).withJudge(SequentialConfig.ofDefaults())).build();

  private static SequentialEvidence evidence(long canaryBad) {
    return SequentialJudge.observe(SequentialConfig.ofDefaults(), SequentialEvidence.none(),
        TickCounts.of(1000, canaryBad), TickCounts.of(9000, 45)).evidence();
  }

  private static Input.Tick passingTick(Map<String, SequentialEvidence> evidence) {
    return new Input.Tick(List.of(Verdict.of(MetricCheck.REQUEST_SUCCESS_RATE, VerdictLabel.PASS, 0.0, 0.0, "t", "ok",
        false)), Map.of(), evidence);
  }

  private static Driver atFirstStep() {
    Driver d = Driver.started(POLICY);
    d.tick();
    assertThat(d.state().step()).isZero();
    return d;
  }

  @Test
  void storesTheEvidenceATickCarriesWhenItAnalysesTheTick() {
    Driver d = atFirstStep();
    SequentialEvidence first = evidence(5);

    d.advance(Duration.ofMinutes(1)).send(passingTick(Map.of(MetricCheck.REQUEST_SUCCESS_RATE, first)));

    assertThat(d.state().evidence()).containsExactly(Map.entry(MetricCheck.REQUEST_SUCCESS_RATE, first));
  }

  @Test
  void keepsTheEarlierEvidenceOfAMetricTheTickLeavesOutAndIgnoresMetricsThePolicyLacks() {
    Driver d = atFirstStep();
    SequentialEvidence first = evidence(5);
    d.advance(Duration.ofMinutes(1)).send(passingTick(Map.of(MetricCheck.REQUEST_SUCCESS_RATE, first)));

    d.advance(Duration.ofMinutes(1)).send(passingTick(Map.of("typo", evidence(9))));

    assertThat(d.state().evidence()).containsExactly(Map.entry(MetricCheck.REQUEST_SUCCESS_RATE, first));
  }

  @Test
  void ignoresEvidenceWhenTheTickIsNotAnAnalysis() {
    Driver d = Driver.started(POLICY);

    d.send(passingTick(Map.of(MetricCheck.REQUEST_SUCCESS_RATE, evidence(5))));

    assertThat(d.state().step()).isZero();
    assertThat(d.state().evidence()).isEmpty();
  }

  @Test
  void clearsTheEvidenceWhenANewRevisionStartsANewAnalysis() {
    Driver d = atFirstStep();
    d.advance(Duration.ofMinutes(1)).send(passingTick(Map.of(MetricCheck.REQUEST_SUCCESS_RATE, evidence(5))));

    d.send(new Input.RevisionObserved("v3"));

    assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.state().evidence()).isEmpty();
  }

  @Test
  void clearsTheEvidenceWhenAFailedRevisionIsAnalysedAgain() {
    Driver d = atFirstStep();
    d.advance(Duration.ofMinutes(1)).send(passingTick(Map.of(MetricCheck.REQUEST_SUCCESS_RATE, evidence(500))));
    d.send(new Input.Manual(dev.canary4j.Command.ABORT, "test"));
    assertThat(d.state().evidence()).isNotEmpty();

    d.send(new Input.Manual(dev.canary4j.Command.RESUME, "test"));

    assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.state().evidence()).isEmpty();
  }
}
