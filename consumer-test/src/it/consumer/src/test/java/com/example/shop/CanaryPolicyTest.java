package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.canary4j.Phase;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.simulation.MetricScript;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.test.PolicyFile;
import dev.canary4j.test.RolloutAssertions;
import dev.canary4j.test.RolloutFilesExtension;
import dev.canary4j.test.RunnerFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RolloutFilesExtension.class)
class CanaryPolicyTest {

  @Test
  void aReleaseThatLosesOnePercentOfRequestsIsRolledBackAtTwentyPercent(
      @PolicyFile("policies/canary.yaml") CanaryPolicy policy) {
    Scenario badRelease = Scenario.ofValues("bad release", 20,
        Map.of("request-success-rate", MetricScript.of(99.9, 98.5)));

    RolloutAssertions.assertThat(Simulation.run(policy, badRelease))
        .rolledBackWithin(4)
        .neverAbove(20)
        .failedOn("request-success-rate");
  }

  @Test
  void theRunnerPromotesAHealthyCanaryJudgedByOurOwnMetricSource(
      @PolicyFile("policies/canary.yaml") CanaryPolicy policy) {
    RunnerFixture f = new RunnerFixture();
    CanaryRunner runner = f.builder(f.router(), new ErrorBudgetMetricSource(() -> 99.95), f.workloads()).build();
    String id = runner.register(policy);
    runner.observeRevision(id, "v1");
    runner.observeRevision(id, "v2");

    for (int tick = 0; tick < 10 && !runner.status(id).phase().isTerminal(); tick++) {
      f.clock().advance(java.time.Duration.ofMinutes(1));
      runner.tick(id);
    }

    assertEquals(Phase.SUCCEEDED, runner.status(id).phase());
  }

  @Test
  void theRunnerRollsBackACanaryThatOurOwnMetricSourceSeesFailing(
      @PolicyFile("policies/canary.yaml") CanaryPolicy policy) {
    RunnerFixture f = new RunnerFixture();
    CanaryRunner runner = f.builder(f.router(), new ErrorBudgetMetricSource(() -> 95.0), f.workloads()).build();
    String id = runner.register(policy);
    runner.observeRevision(id, "v1");
    runner.observeRevision(id, "v2");

    for (int tick = 0; tick < 10 && !runner.status(id).phase().isTerminal(); tick++) {
      f.clock().advance(java.time.Duration.ofMinutes(1));
      runner.tick(id);
    }

    assertEquals(Phase.FAILED, runner.status(id).phase());
    assertEquals(0, f.router().observe(policy.target()).canary());
  }
}
