package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.Command;
import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.simulation.MetricScript.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private static final TrafficModel.Behaviour HEALTHY = TrafficModel.Behaviour.of(0.1, 80);

  private static CanaryPolicy.Builder policy() {
    return CanaryPolicy.builder()
        .target("shop", "podinfo")
        .strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99).withMinRequests(100))
        .metric(MetricCheck.latencyP99(500))
        .limits(new Limits(Limit.rollbackAt(2), null, null, null));
  }

  private static Scenario traffic(TrafficModel.Behaviour canary) {
    return Scenario.ofTraffic("test", 42, 30, TrafficModel.of(100, HEALTHY, canary));
  }

  @Test
  void aHealthyCanaryIsPromotedStepByStep() {
    Timeline timeline = Simulation.run(policy().build(), traffic(HEALTHY));

    assertThat(timeline.promoted()).isTrue();
    assertThat(timeline.canaryWeights()).containsExactly(10, 20, 30, 40, 50, 50, 0, 0);
    assertThat(timeline.phases()).endsWith(Phase.PROMOTING, Phase.FINALISING, Phase.SUCCEEDED);
    assertThat(timeline.tick(2).verdict("request-success-rate")).get()
        .satisfies(v -> assertThat(v.label()).isEqualTo(VerdictLabel.PASS));
  }

  @Test
  void aCanaryFailingFivePercentOfRequestsIsRolledBackOnItsSuccessRate() {
    Timeline timeline = Simulation.run(policy().build(), traffic(TrafficModel.Behaviour.of(5, 80)));

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.canaryWeights()).last().isEqualTo(0);
    assertThat(timeline.decidingVerdicts()).singleElement().satisfies(v -> {
      assertThat(v.metric()).isEqualTo("request-success-rate");
      assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_LOW);
      assertThat(v.canary()).isBetween(90.0, 99.0);
    });
  }

  @Test
  void latencyThatGrowsWithWeightFailsOnlyOnceTheCanaryTakesEnoughTraffic() {
    TrafficModel.Behaviour degrading = new TrafficModel.Behaviour(0.1, 80, 0.3, 6);

    Timeline timeline = Simulation.run(policy().build(), traffic(degrading));

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.tick(2).verdict("request-duration").orElseThrow().label()).isEqualTo(VerdictLabel.PASS);
    assertThat(timeline.decidingVerdicts()).extracting(Verdict::metric).containsExactly("request-duration");
    assertThat(timeline.canaryWeights()).contains(30);
  }

  @Test
  void theSameSeedGivesTheSameTimelineAndAnotherSeedOtherValues() {
    Scenario scenario = traffic(TrafficModel.Behaviour.of(0.5, 120));

    Timeline first = Simulation.run(policy().build(), scenario);
    Timeline again = Simulation.run(policy().build(), scenario);
    Timeline otherSeed = Simulation.run(policy().build(), scenario.withSeed(7));

    assertThat(again).isEqualTo(first);
    assertThat(again.toJson()).isEqualTo(first.toJson());
    assertThat(otherSeed.tick(2).verdicts()).isNotEqualTo(first.tick(2).verdicts());
  }

  @Test
  void scriptedValuesAreUsedAnalysisByAnalysisWithNoDataAndProviderErrors() {
    Scenario scenario = Scenario.ofValues("scripted", 20, Map.of(
        "request-success-rate", new MetricScript(List.of(Sample.of(99.5), Sample.noData(), Sample.providerError(),
            Sample.of(99.9)), List.of(), 1000),
        "request-duration", MetricScript.of(100)));

    Timeline timeline = Simulation.run(policy().build(), scenario);

    assertThat(timeline.tick(2).verdict("request-success-rate").orElseThrow().canary()).isEqualTo(99.5);
    assertThat(timeline.tick(3).verdict("request-success-rate").orElseThrow().label()).isEqualTo(VerdictLabel.NO_DATA);
    assertThat(timeline.tick(4).verdict("request-success-rate").orElseThrow().label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(timeline.tick(4).verdict("request-success-rate").orElseThrow().reason()).contains("scripted provider error");
    assertThat(timeline.canaryWeights().subList(0, 5)).containsExactly(10, 20, 20, 20, 30);
    assertThat(timeline.promoted()).isTrue();
  }

  @Test
  void aCommandAtTickNActsBeforeThatTick() {
    Scenario scenario = traffic(HEALTHY).withCommands(List.of(new Scenario.ManualCommand(3, Command.ABORT, "pager")));

    Timeline timeline = Simulation.run(policy().build(), scenario);

    assertThat(timeline.ticks()).hasSize(3);
    assertThat(timeline.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(timeline.tick(3).actions()).anySatisfy(a -> assertThat(a).isInstanceOf(dev.canary4j.Action.RollBack.class));
  }

  @Test
  void aNewRevisionAtTickNRestartsTheAnalysisFromTheFirstStep() {
    Scenario scenario = traffic(HEALTHY).withRevisions(List.of(new Scenario.RevisionChange(1, "v2"),
        new Scenario.RevisionChange(4, "v3")));

    Timeline timeline = Simulation.run(policy().build(), scenario);

    assertThat(timeline.canaryWeights().subList(0, 5)).containsExactly(10, 20, 30, 10, 20);
    assertThat(timeline.promoted()).isTrue();
  }

  @Test
  void aManualGateHoldsPromotionUntilTheScriptedAnswer() {
    CanaryPolicy gated = policy().gate(GateSpec.manual("release-manager", GateType.CONFIRM_PROMOTION)).build();
    Scenario scenario = traffic(HEALTHY).withGates(List.of(new Scenario.GateAnswer(9, "release-manager", true, "ok")));

    Timeline timeline = Simulation.run(gated, scenario);

    assertThat(timeline.tick(8).phase()).isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(timeline.tick(9).phase()).isEqualTo(Phase.PROMOTING);
    assertThat(timeline.promoted()).isTrue();
  }

  @Test
  void aWebhookGateAnswersAsScriptedFromItsTickOn() {
    CanaryPolicy gated = policy().gate(GateSpec.webhook("load-test", GateType.CONFIRM_PROMOTION,
        java.net.URI.create("http://load-tester/gate"))).build();
    Scenario scenario = traffic(HEALTHY).withGates(List.of(new Scenario.GateAnswer(7, "load-test", true, "fine")));

    Timeline timeline = Simulation.run(gated, scenario);

    assertThat(timeline.tick(6).gates().get("load-test").open()).isFalse();
    assertThat(timeline.tick(7).phase()).isEqualTo(Phase.PROMOTING);
  }

  @Test
  void aScenarioNamingAGateThePolicyLacksIsRejected() {
    Scenario scenario = traffic(HEALTHY).withGates(List.of(new Scenario.GateAnswer(2, "nope", true, "")));

    assertThatThrownBy(() -> Simulation.run(policy().build(), scenario))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gates[0].gate: must name a gate of the policy");
  }

  @Test
  void aScenarioScriptingAMetricThePolicyLacksIsRejected() {
    Scenario scenario = Scenario.ofValues("typo", 5, Map.of("request-sucess-rate", MetricScript.of(99)));

    assertThatThrownBy(() -> Simulation.run(policy().build(), scenario))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics.request-sucess-rate: must name a metric of the policy "
            + "(request-success-rate, request-duration)");
  }

  @Test
  void scriptedTicksOutsideTheRunAreRejectedWithTheirPath() {
    assertThatThrownBy(() -> traffic(HEALTHY).withCommands(List.of(new Scenario.ManualCommand(31, Command.PAUSE, ""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("commands[0].tick: must be between 1 and ticks (30), but was 31");
  }
}
