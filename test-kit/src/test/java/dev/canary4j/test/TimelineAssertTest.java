package dev.canary4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.CanaryEvent;
import dev.canary4j.Command;
import dev.canary4j.Phase;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.LimitKind;
import dev.canary4j.simulation.MetricScript;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.spec.PolicyReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineAssertTest {

  private static final CanaryPolicy POLICY = PolicyReader.fromYaml("""
      target: {namespace: shop, name: podinfo}
      strategy:
        canary: {stepWeight: 10, maxWeight: 30}
      analysis:
        interval: 1m
        metrics:
          - {name: request-success-rate, min: 99}
          - {name: request-duration, max: 500}
        limits:
          failureLimit: 2
      """);

  /** Steps 10, 20, 30 on healthy values (the first analysis is at tick 2), then promotion. */
  private static final Timeline HEALTHY = Simulation.run(POLICY, Scenario.ofValues("healthy", 20, Map.of(
      "request-success-rate", MetricScript.of(99.9), "request-duration", MetricScript.of(120))));

  /** Healthy in the first analysis (tick 2), then failing success rate: held at 20 %, rolled back at the second failure. */
  private static final Timeline BAD = Simulation.run(POLICY, Scenario.ofValues("bad", 20, Map.of(
      "request-success-rate", MetricScript.of(99.9, 90), "request-duration", MetricScript.of(120))));

  @Test
  void theTimelinesUnderTestAreWhatTheCommentsSay() {
    assertThat(HEALTHY.outcome()).isEqualTo(Phase.SUCCEEDED);
    assertThat(BAD.outcome()).isEqualTo(Phase.FAILED);
    assertThat(BAD.canaryWeights()).containsExactly(10, 20, 20, 0);
  }

  @Test
  void aHealthyRolloutPassesThePromotionAssertions() {
    RolloutAssertions.assertThat(HEALTHY)
        .promoted()
        .endedIn(Phase.SUCCEEDED)
        .promotedWithin(HEALTHY.ticks().size())
        .neverAbove(30)
        .reachedWeight(30)
        .steppedThrough(10, 20, 30, 0)
        .reachedPhase(Phase.PROGRESSING)
        .neverReachedPhase(Phase.FAILED)
        .hasVerdictAt(2, "request-success-rate", VerdictLabel.PASS)
        .hasEvent(CanaryEvent.PhaseChanged.class)
        .hasNoEvent(CanaryEvent.LimitReached.class)
        .hasCanaryWeights(HEALTHY.canaryWeights().toArray(Integer[]::new));
  }

  @Test
  void aBadRolloutPassesTheRollbackAssertions() {
    int rolledBackAt = BAD.phases().indexOf(Phase.FAILED) + 1;

    RolloutAssertions.assertThat(BAD)
        .rolledBack()
        .rolledBackWithin(rolledBackAt)
        .neverAbove(20)
        .failedOn("request-success-rate")
        .hasVerdictAt(rolledBackAt, "request-success-rate", VerdictLabel.FAIL_LOW)
        .hasVerdictAt(rolledBackAt, "request-duration", VerdictLabel.PASS)
        .hasEventAt(rolledBackAt, CanaryEvent.LimitReached.class, e -> e.limit() == LimitKind.FAILURE);
  }

  @Test
  void anAbortCountsAsARollbackDecidedByNoMetric() {
    Timeline aborted = Simulation.run(POLICY, Scenario.ofValues("abort", 20, Map.of(
        "request-success-rate", MetricScript.of(99.9), "request-duration", MetricScript.of(120)))
        .withCommands(List.of(new Scenario.ManualCommand(2, Command.ABORT, "incident"))));

    RolloutAssertions.assertThat(aborted).rolledBackWithin(2).endedIn(Phase.ABORTED).failedOn();
  }

  @Test
  void rolledBackWithinFailsWhenTheRollbackCameLaterAndShowsTheTimeline() {
    int rolledBackAt = BAD.phases().indexOf(Phase.FAILED) + 1;

    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).rolledBackWithin(rolledBackAt - 1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the rollout to be rolled back within " + (rolledBackAt - 1)
            + " ticks, but it was rolled back at tick " + rolledBackAt)
        .hasMessageContaining("Timeline of 'bad' (seed ")
        .hasMessageContaining("request-success-rate FAIL_LOW (90 ")
        .hasMessageContaining("FAILED");
  }

  @Test
  void rolledBackWithinFailsWhenThereWasNoRollback() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(HEALTHY).rolledBackWithin(4))
        .hasMessageContaining("but it never was; it ended SUCCEEDED after " + HEALTHY.ticks().size() + " ticks");
  }

  @Test
  void neverAboveNamesTheFirstTickAboveTheLimit() {
    int firstAtTwenty = HEALTHY.canaryWeights().indexOf(20) + 1;

    assertThatThrownBy(() -> RolloutAssertions.assertThat(HEALTHY).neverAbove(10))
        .hasMessageContaining("Expected the canary never to take more than 10 % of the traffic, but it took 20 % at tick "
            + firstAtTwenty);
  }

  @Test
  void failedOnFailsWhenAnotherMetricDecidedAndNamesTheVerdicts() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).failedOn("request-duration"))
        .hasMessageContaining("Expected the rollback to be decided by [request-duration], but it was decided by "
            + "[request-success-rate] (request-success-rate FAIL_LOW (90 ");
  }

  @Test
  void failedOnFailsWhenTheRolloutWasPromoted() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(HEALTHY).failedOn("request-success-rate"))
        .hasMessageContaining("Expected the rollout to be rolled back, but it ended SUCCEEDED");
  }

  @Test
  void promotionAssertionsFailOnARolledBackRollout() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).promoted())
        .hasMessageContaining("Expected the rollout to end SUCCEEDED, but it ended FAILED");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).promotedWithin(30))
        .hasMessageContaining("to be promoted within 30 ticks, but it never was");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).reachedWeight(30))
        .hasMessageContaining("Expected the canary to reach 30 % of the traffic, but it took at most 20 %");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).reachedPhase(Phase.SUCCEEDED))
        .hasMessageContaining("Expected the rollout to reach SUCCEEDED, but it went through [PROGRESSING, FAILED]");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).neverReachedPhase(Phase.FAILED))
        .hasMessageContaining("Expected the rollout never to reach FAILED, but it did at tick");
  }

  @Test
  void weightAssertionsShowBothSequences() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(HEALTHY).steppedThrough(10, 30, 0))
        .hasMessageContaining("Expected the canary to step through [10, 30, 0], but it stepped through [10, 20, 30, 0]");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).hasCanaryWeights(10))
        .hasMessageContaining("Expected the canary's weights tick by tick to be [10], but they were " + BAD.canaryWeights());
  }

  @Test
  void verdictAndEventAssertionsSayWhatWasThereInstead() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).hasVerdictAt(2, "request-success-rate", VerdictLabel.FAIL_LOW))
        .hasMessageContaining("Expected a verdict of request-success-rate FAIL_LOW at tick 2, but it was "
            + "request-success-rate PASS (99.9");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).hasVerdictAt(2, "error-rate", VerdictLabel.PASS))
        .hasMessageContaining("but error-rate was not analysed then");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).hasVerdictAt(1, "request-success-rate", VerdictLabel.PASS))
        .hasMessageContaining("but request-success-rate was not analysed then (no analysis ran in that tick)");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).hasVerdictAt(99, "request-success-rate", VerdictLabel.PASS))
        .hasMessageContaining("Expected a tick 99, but the rollout ran " + BAD.ticks().size() + " ticks");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(HEALTHY).hasEvent(CanaryEvent.LimitReached.class))
        .hasMessageContaining("Expected an event LimitReached, but there was none");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).hasNoEvent(CanaryEvent.LimitReached.class))
        .hasMessageContaining("Expected no event LimitReached, but tick");
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD)
        .hasEventAt(1, CanaryEvent.LimitReached.class, e -> true))
        .hasMessageContaining("Expected an event LimitReached matching the condition at tick 1, but there was none");
  }

  @Test
  void aDescriptionGivenWithAsPrefixesTheMessage() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(BAD).as("release 2.4").promoted())
        .hasMessageStartingWith("[release 2.4] Expected the rollout to end SUCCEEDED");
  }

  @Test
  void aNullTimelineFailsAsAssertJDoes() {
    assertThatThrownBy(() -> RolloutAssertions.assertThat(null).promoted())
        .isInstanceOf(AssertionError.class).hasMessageContaining("Expecting actual not to be null");
  }
}
