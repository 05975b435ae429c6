package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code simulate} command on the example policies and scenarios (the tests run in the cli module). */
class SimulateCommandTest {

  @TempDir
  Path dir;

  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();

  private int simulate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    for (int i = 0; i < args.length; i++) {
      all[i + 1] = args[i].replace("policies/", "../examples/policies/").replace("scenarios/", "../examples/scenarios/");
    }
    CliRun run = CliRun.of(all);
    out.append(run.out());
    err.append(run.err());
    return run.exit();
  }

  private String printed() {
    return out.toString();
  }

  private String errors() {
    return err.toString();
  }

  @Test
  void aHealthyScenarioPrintsTheTimelineAndExitsZero() {
    int exit = simulate("--policy", "policies/canary.yaml", "--scenario", "scenarios/healthy.yaml");

    assertThat(exit).isZero();
    assertThat(printed()).contains("[healthy] tick  5  PROGRESSING        primary  50% canary  50%")
        .contains("[healthy] PROMOTED after");
    assertThat(errors()).isEmpty();
  }

  @Test
  void aBadCanaryExitsOneAndWritesTheTimelineAsJson() throws Exception {
    Path json = dir.resolve("timeline.json");

    int exit = simulate("--policy", "policies/canary.yaml", "--scenario", "scenarios/bad-canary.yaml", "--json",
        json.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(printed()).contains("[bad-canary] ROLLED BACK after").contains("request-success-rate FAIL_LOW");
    String written = Files.readString(json);
    assertThat(written).startsWith("{\"scenario\":\"bad-canary\",\"seed\":42,\"outcome\":\"FAILED\",\"ticks\":[{\"tick\":1,")
        .contains("\"label\":\"FAIL_LOW\"").contains("{\"type\":\"RollBack\"");
  }

  @Test
  void theStatisticalPolicyRollsBackTheBadCanaryOnItsSequentialEvidenceAndShowsTheLabel() {
    int exit = simulate("--policy", "policies/statistical.yaml", "--scenario", "scenarios/bad-canary.yaml");

    assertThat(exit).isEqualTo(1);
    assertThat(printed()).contains("success FAIL_HIGH").contains("request-success-rate FAIL_HIGH - evidence")
        .contains("crossed 1/alpha = 100");
  }

  @Test
  void theStatisticalPolicyPromotesTheHealthyCanaryAndRollsBackTheOneSlowUnderLoad() {
    assertThat(simulate("--policy", "policies/statistical.yaml", "--scenario", "scenarios/healthy.yaml")).isZero();
    assertThat(simulate("--policy", "policies/statistical.yaml", "--scenario", "scenarios/slow-under-load.yaml")).isEqualTo(1);
    assertThat(printed()).contains("request-duration FAIL_HIGH - the canary is higher");
  }

  @Test
  void everyExampleScenarioRunsAgainstTheCanaryPolicy() {
    for (String scenario : new String[] {"healthy", "bad-canary", "slow-under-load", "scripted"}) {
      int exit = simulate("--policy", "policies/canary.yaml", "--scenario", "scenarios/" + scenario + ".yaml");
      assertThat(exit).as(scenario).isIn(0, 1);
    }
    assertThat(errors()).isEmpty();
  }

  @Test
  void anInvalidPolicyExitsTwoWithEveryValidationMessage() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, """
        target: {namespace: shop, name: podinfo}
        strategy:
          canary: {stepWeight: 10, maxWeight: 5}
        analysis:
          metrics:
            - {name: request-success-rate, min: 99, max: 90}
        """);

    int exit = simulate("--policy", policy.toString(), "--scenario", "scenarios/healthy.yaml");

    assertThat(exit).isEqualTo(2);
    assertThat(errors()).contains("strategy.canary.maxWeight: must be at least stepWeight (10), but was 5")
        .contains("analysis.metrics[0].max: must be greater than min (99.0), but was 90.0")
        .contains("usage: simulate");
    assertThat(printed()).isEmpty();
  }

  @Test
  void anInvalidScenarioExitsTwoWithItsPaths() throws Exception {
    Path scenario = dir.resolve("scenario.yaml");
    Files.writeString(scenario, "ticks: 0\ntraffic: {requestsPerSecond: 10, primary: {latencyMedianMs: 80}}\n");

    int exit = simulate("--policy", "policies/canary.yaml", "--scenario", scenario.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(errors()).contains(scenario.toString()).contains("traffic.canary: is required");
  }

  @Test
  void aScenarioAnsweringAGateThePolicyLacksExitsTwo() throws Exception {
    Path scenario = dir.resolve("scenario.yaml");
    Files.writeString(scenario, """
        ticks: 10
        traffic: {requestsPerSecond: 10, primary: {latencyMedianMs: 80}, canary: {latencyMedianMs: 80}}
        gates: [{tick: 2, gate: approval, open: true}]
        """);

    int exit = simulate("--policy", "policies/canary.yaml", "--scenario", scenario.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(errors()).contains("gates[0].gate: must name a gate of the policy");
  }

  @Test
  void missingFilesAndArgumentsAreNamed() {
    assertThat(simulate("--policy", "policies/nope.yaml", "--scenario", "scenarios/nope.yaml")).isEqualTo(2);
    assertThat(errors()).contains("policy file ../examples/policies/nope.yaml does not exist")
        .contains("scenario file ../examples/scenarios/nope.yaml does not exist");

    assertThat(simulate("--scenario")).isEqualTo(2);
    assertThat(errors()).contains("Missing required parameter for option '--scenario' (FILE)");
    assertThat(simulate()).isEqualTo(2);
    assertThat(errors()).contains("Missing required options: '--policy=FILE', '--scenario=FILE'");
  }
}
