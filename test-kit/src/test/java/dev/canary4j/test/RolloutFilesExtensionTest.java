package dev.canary4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.simulation.Simulation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@ExtendWith(RolloutFilesExtension.class)
class RolloutFilesExtensionTest {

  @Test
  void readsThePolicyAndScenarioFilesNamedOnTheParameters(@PolicyFile("rollout/policy.yaml") CanaryPolicy policy,
      @ScenarioFile("rollout/bad-release.yaml") Scenario scenario) {
    assertThat(policy.target().name()).isEqualTo("podinfo");
    assertThat(scenario.name()).isEqualTo("bad release");

    RolloutAssertions.assertThat(Simulation.run(policy, scenario)).rolledBack().neverAbove(20)
        .failedOn("request-success-rate");
  }

  @Test
  void readsAFileRelativeToTheWorkingDirectoryWhenNoResourceHasItsName(
      @PolicyFile("src/test/resources/rollout/policy.yaml") CanaryPolicy policy) {
    assertThat(policy.analysis().interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void handsEachTestAFreshSimulatedClockAtTheSameStart(SimulatedClock clock) {
    assertThat(clock.instant()).isEqualTo(RolloutFilesExtension.START);
    clock.advance(Duration.ofMinutes(1));
  }

  @Test
  void aMissingFileFailsTheTestNamingTheParameterAndWhereItLooked() {
    Events events = run("missingFile");

    events.assertStatistics(s -> s.failed(1));
    Throwable failure = events.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(failure).isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("missingFile()")
        .hasMessageContaining("@PolicyFile(\"rollout/no-such-policy.yaml\"): expected a class-path resource or a file at ")
        .hasMessageContaining("but there is neither");
  }

  @Test
  void anInvalidPolicyFailsTheTestWithEveryProblemAndItsPath() {
    Events events = run("invalidPolicy");

    Throwable failure = events.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(failure).isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("invalid-policy.yaml")
        .hasMessageContaining("strategy.canary.stepWeight")
        .hasMessageContaining("strategy.canary.maxWeight");
  }

  private static Events run(String method) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(BrokenFiles.class, method, CanaryPolicy.class.getName()))
        .execute().testEvents();
  }


  /** Tests whose files are wrong, run by the tests above through the test kit of the JUnit platform. */
  @ExtendWith(RolloutFilesExtension.class)
  static class BrokenFiles {

    @Test
    void missingFile(@PolicyFile("rollout/no-such-policy.yaml") CanaryPolicy policy) {
      assertThat(policy).isNotNull();
    }

    @Test
    void invalidPolicy(@PolicyFile("rollout/invalid-policy.yaml") CanaryPolicy policy) {
      assertThat(policy).isNotNull();
    }
  }
}
