package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} on the example files and on broken ones. */
class ValidateCommandTest {

  @TempDir
  Path dir;

  @Test
  void everyExamplePolicyAndScenarioIsValid() throws Exception {
    String[] args;
    try (var policies = Files.list(Path.of("../examples/policies")); var scenarios = Files.list(Path.of("../examples/scenarios"))) {
      args = java.util.stream.Stream.concat(java.util.stream.Stream.of("validate"),
          java.util.stream.Stream.concat(policies, scenarios).map(Path::toString).sorted()).toArray(String[]::new);
    }

    CliRun run = CliRun.of(args);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("valid policy: ../examples/policies/canary.yaml")
        .contains("valid scenario: ../examples/scenarios/bad-canary.yaml");
  }

  @Test
  void everyProblemOfEveryFileIsPrintedAtOnceWithExitTwo() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        target: {namespace: shop, name: podinfo}
        strategy:
          canary: {stepWeight: 10, maxWieght: 50}
        analysis:
          metrics:
            - {name: request-success-rate, min: 99, max: 90}
        """);
    Path scenario = Files.writeString(dir.resolve("scenario.yaml"), "ticks: 0\ntraffic: {requestsPerSecond: 10, primary: {latencyMedianMs: 80}}\n");
    Path good = Path.of("../examples/policies/canary.yaml");

    CliRun run = CliRun.of("validate", policy.toString(), scenario.toString(), good.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("strategy.canary.maxWieght: is not a known field (did you mean 'maxWeight'?")
        .contains("analysis.metrics[0].max: must be greater than min (99.0), but was 90.0")
        .contains("traffic.canary: is required")
        .contains("2 of 3 file(s) invalid");
    assertThat(run.out()).contains("valid policy: " + good);
  }
}
