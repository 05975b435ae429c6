package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.testing.Policies;
import org.junit.jupiter.api.Test;

/** Scenario files that script the canary's readiness, run end to end. */
class ReadinessScenarioTest {

  private static final String HEALTHY = """
      ticks: 30
      traffic:
        requestsPerSecond: 200
        primary: {errorRate: 0.1%, latencyMedianMs: 80}
        canary: {errorRate: 0.1%, latencyMedianMs: 80}
      """;

  @Test
  void aCanaryThatNeverBecomesReadyGetsNoTrafficAndIsRolledBackAtTheProgressDeadlineWithTheReason() {
    Scenario scenario = ScenarioReader.fromYaml(HEALTHY + """
        readiness:
          - {tick: 1, status: not-ready, reason: "0 of 2 replicas ready: ImagePullBackOff"}
        """);

    Timeline timeline = Simulation.run(Policies.canary(), scenario);

    assertThat(timeline.canaryWeights()).containsOnly(0);
    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    // Analysis starts at tick 1 (00:00); the deadline of ten minutes has passed at tick 12 (00:11).
    assertThat(timeline.ticks()).hasSize(12);
    assertThat(timeline.tick(12).events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
        CanaryEvent.PhaseChanged.class, p -> assertThat(p.reason()).contains("progress deadline")
            .contains("ImagePullBackOff")));
  }

  @Test
  void aCanaryThatBecomesReadyAfterThreeTicksStartsItsFirstStepThen() {
    Scenario scenario = ScenarioReader.fromYaml(HEALTHY + """
        readiness:
          - {tick: 1, workload: canary, status: not-ready, reason: starting}
          - {tick: 4, workload: canary, status: ready}
        """);

    Timeline timeline = Simulation.run(Policies.canary(), scenario);

    assertThat(timeline.canaryWeights().subList(0, 4)).containsExactly(0, 0, 0, 10);
    assertThat(timeline.promoted()).isTrue();
  }

  @Test
  void aCanaryThatBecomesUnreadyHoldsItsStepUntilItRecovers() {
    Scenario scenario = ScenarioReader.fromYaml(HEALTHY + """
        readiness:
          - {tick: 3, status: not-ready, reason: "readiness probe failed"}
          - {tick: 6, status: ready}
        """);

    Timeline timeline = Simulation.run(Policies.canary(), scenario);

    assertThat(timeline.canaryWeights().subList(0, 7)).containsExactly(10, 20, 20, 20, 20, 30, 40);
    assertThat(timeline.promoted()).isTrue();
  }

  @Test
  void aNeverReadyCanaryIsRolledBackAtOnce() {
    Scenario scenario = ScenarioReader.fromYaml(HEALTHY + """
        readiness:
          - {tick: 3, status: never-ready, reason: ProgressDeadlineExceeded}
        """);

    Timeline timeline = Simulation.run(Policies.canary(), scenario);

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.ticks()).hasSize(3);
  }

  @Test
  void aWrongReadinessEntryIsReportedWithItsPath() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioReader.fromYaml(HEALTHY + """
        readiness:
          - {tick: 40, workload: database, status: sleepy}
        """)).isInstanceOf(ScenarioException.class)
        .hasMessageContaining("readiness[0].workload").hasMessageContaining("readiness[0].status");
  }
}
