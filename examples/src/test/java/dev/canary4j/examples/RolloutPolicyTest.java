package dev.canary4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Command;
import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TrafficModel;
import dev.canary4j.simulation.TrafficModel.Behaviour;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.test.PolicyFile;
import dev.canary4j.test.RolloutAssertions;
import dev.canary4j.test.RolloutFilesExtension;
import dev.canary4j.test.ScenarioFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How a team unit-tests its rollout policy: read the policy it deploys, run it through simulated
 * traffic with the simulation kit, and assert on the timeline, tick by tick.
 */
class RolloutPolicyTest {

  private static final Behaviour PRIMARY = Behaviour.of(0.1, 80);
  private static CanaryPolicy policy;

  @BeforeAll
  static void readThePolicyWeDeploy() throws Exception {
    policy = PolicyReader.read(Path.of("policies/canary.yaml"));
  }

  private static Timeline simulate(Behaviour canary) {
    return Simulation.run(policy, Scenario.ofTraffic("policy-test", 1, 40, TrafficModel.of(50, PRIMARY, canary)));
  }

  @Test
  void aHealthyReleaseReachesFiftyPercentInTenPointStepsAndIsPromoted() {
    Timeline timeline = simulate(Behaviour.of(0.1, 85));

    assertThat(timeline.canaryWeights()).startsWith(10, 20, 30, 40, 50);
    assertThat(timeline.canaryWeights()).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(50));
    assertThat(timeline.outcome()).isEqualTo(Phase.SUCCEEDED);
  }

  @Test
  void aReleaseFailingTwoPercentOfRequestsIsRolledBackBeforeItTakesAQuarterOfTheTraffic() {
    // At 10 % the canary serves about 300 requests a minute; 2 % errors sometimes look like 99 % success
    // there, so such a release may pass one step by chance, but the failure limit still catches it.
    Timeline timeline = simulate(Behaviour.of(2, 85));

    RolloutAssertions.assertThat(timeline)
        .rolledBackWithin(8)
        .neverAbove(20)
        .failedOn("request-success-rate");
  }

  @Test
  void aSlowReleaseIsRolledBackOnLatencyAlone() {
    Timeline timeline = simulate(new Behaviour(0.1, 300, 0.3, 0));

    assertThat(timeline.outcome()).isEqualTo(Phase.FAILED);
    assertThat(timeline.decidingVerdicts()).extracting(Verdict::metric).containsExactly("request-duration");
  }

  @Test
  void anAbortDuringTheRolloutSendsAllTrafficBackAtOnce() {
    Scenario scenario = Scenario.ofTraffic("abort", 1, 40, TrafficModel.of(50, PRIMARY, Behaviour.of(0.1, 85)))
        .withCommands(List.of(new Scenario.ManualCommand(3, Command.ABORT, "incident")));

    Timeline timeline = Simulation.run(policy, scenario);

    assertThat(timeline.tick(2).canaryWeight()).isEqualTo(20);
    assertThat(timeline.tick(3).phase()).isEqualTo(Phase.ABORTED);
    assertThat(timeline.tick(3).canaryWeight()).isZero();
  }

  @Test
  @ExtendWith(RolloutFilesExtension.class)
  void theBadCanaryScenarioFileIsRolledBackWithinSixTicks(@PolicyFile("policies/canary.yaml") CanaryPolicy deployed,
      @ScenarioFile("scenarios/bad-canary.yaml") Scenario scenario) {
    RolloutAssertions.assertThat(Simulation.run(deployed, scenario))
        .rolledBackWithin(6)
        .neverAbove(20)
        .failedOn("request-success-rate");
  }
}
