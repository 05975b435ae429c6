package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.CanaryEvent;
import dev.canary4j.Command;
import dev.canary4j.Phase;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.simulation.ScenarioReader;
import dev.canary4j.testing.Policies;
import org.junit.jupiter.api.Test;

/** A scenario file's revisions, gate answers and commands, run end to end and seen in the timeline's events. */
class ScenarioFileRunTest {

  private static final CanaryPolicy GATED = Policies.flaggerLike()
      .gate(GateSpec.manual("release-manager", GateType.CONFIRM_PROMOTION)).build();

  private static final Scenario SCENARIO = ScenarioReader.fromYaml("""
      ticks: 20
      traffic:
        requestsPerSecond: 200
        primary: {errorRate: 0.1%, latencyMedianMs: 80}
        canary: {errorRate: 0.1%, latencyMedianMs: 80}
      revisions:
        - {tick: 1, revision: v2}
        - {tick: 4, revision: v3}
      commands:
        - {tick: 2, command: pause, reason: lunch}
        - {tick: 3, command: resume}
      gates:
        - {tick: 12, gate: release-manager, open: true, message: approved}
      """);

  @Test
  void theFilesCommandsRevisionsAndGateAnswersTakeEffectAtTheirTicks() {
    Timeline timeline = Simulation.run(GATED, SCENARIO);

    assertThat(timeline.tick(2).phase()).isEqualTo(Phase.PAUSED);
    assertThat(timeline.tick(2).events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
        CanaryEvent.CommandHandled.class, c -> {
          assertThat(c.command()).isEqualTo(Command.PAUSE);
          assertThat(c.reason()).contains("lunch");
        }));
    assertThat(timeline.tick(3).phase()).isNotEqualTo(Phase.PAUSED);
    assertThat(timeline.tick(4).events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
        CanaryEvent.AnalysisStarted.class, s -> assertThat(s.revision()).isEqualTo("v3")));
    assertThat(timeline.tick(4).canaryWeight()).isEqualTo(10);
    assertThat(timeline.tick(11).phase()).isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(timeline.tick(12).events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
        CanaryEvent.GateAnswered.class, g -> assertThat(g.open()).isTrue()));
    assertThat(timeline.ticks().stream().filter(t -> t.tick() < 12)).noneMatch(t -> t.phase() == Phase.PROMOTING);
    assertThat(timeline.promoted()).isTrue();
  }
}
