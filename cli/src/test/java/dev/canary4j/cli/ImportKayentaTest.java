package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spec.PolicyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import kayenta} on canary configs written to Kayenta's documented canary config schema. */
class ImportKayentaTest {

  private static final String FILES = "src/test/resources/kayenta/";

  @TempDir
  Path dir;

  @Test
  void everyFieldOfTheConfigIsTranslatedIntoMannWhitneyMetricsAndOneWeightedScore() throws Exception {
    CliRun run = CliRun.of("import", "kayenta", FILES + "canary-config.json", "--namespace", "shop", "--name", "checkout");

    assertThat(run.exit()).as(run.err()).isZero();
    CanaryPolicy policy = PolicyReader.fromYaml(run.out());
    assertThat(policy.target().id()).isEqualTo("shop/checkout");
    assertThat(policy.analysis().scoring().pass()).isEqualTo(90.0);
    assertThat(policy.analysis().scoring().marginal()).isEqualTo(70.0);
    assertThat(policy.analysis().scoring().groupWeights()).isEqualTo(Map.of("errors", 50.0, "latency", 30.0, "system", 20.0));
    assertThat(policy.analysis().limits().failure().count()).isEqualTo(1);

    MetricCheck errorRate = policy.analysis().metric("error-rate");
    assertThat(errorRate.query()).isEqualTo("sum(rate(istio_requests_total{destination_workload=\"{{ target }}\", "
        + "response_code=~\"5..\"}[1m])) / sum(rate(istio_requests_total{destination_workload=\"{{ target }}\"}[1m]))");
    assertThat(errorRate.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(errorRate.critical()).isTrue();
    MannWhitneyConfig errors = (MannWhitneyConfig) errorRate.judge();
    assertThat(errors.direction()).isEqualTo(Direction.INCREASE);
    assertThat(errors.groups()).containsExactly("errors");
    assertThat(errors.mustHaveData()).isTrue();

    assertThat(policy.analysis().metric("server-errors").query()).isEqualTo("sum(istio_requests_total{"
        + "destination_workload=\"{{ target }}\", destination_workload_namespace=\"{{ namespace }}\", response_code=~\"5..\"})");
    assertThat(((MannWhitneyConfig) policy.analysis().metric("server-errors").judge()).outlierFactor()).isEqualTo(2.5);
    assertThat(policy.analysis().metric("latency").query()).isEqualTo("request_latency_seconds{job=\"{{ target }}\"}");
    assertThat(((MannWhitneyConfig) policy.analysis().metric("cpu").judge()).outlierFactor()).isEqualTo(3.0);
    assertThat(run.err()).contains(
        "warning: (config): Kayenta shifts no traffic",
        "metrics[1].query.groupByFields: left out",
        "metrics[2].query.labelBindings: left out",
        "metrics[3].query.metricName: has no filter",
        "metrics[3].query.resourceType: left out",
        "metrics[3].analysisConfigurations.canary.outliers.outlierFactor: not given",
        "metrics[3].scopeName: 'perInstance'",
        "classifier.scoreThresholds.marginal: a score below marginal ends a Kayenta stage");

    Path policyFile = Files.writeString(dir.resolve("checkout.yaml"), run.out());
    Path scenario = Files.writeString(dir.resolve("scenario.yaml"), """
        name: kayenta
        ticks: 5
        traffic:
          requestsPerSecond: 50
          primary: {errorRate: 0.1%, latencyMedianMs: 80}
          canary: {errorRate: 0.1%, latencyMedianMs: 85}
        """);
    CliRun simulated = CliRun.of("simulate", "--policy", policyFile.toString(), "--scenario", scenario.toString());
    assertThat(simulated.exit()).as(simulated.err()).isIn(0, 1, 3);
    assertThat(simulated.out()).contains("[kayenta] tick  5");
  }

  @Test
  void anAdHocExecutionRequestGivesTheScoringThresholds() {
    CliRun run = CliRun.of("import", "kayenta", FILES + "adhoc-request.json", "--name", "checkout");

    assertThat(run.exit()).as(run.err()).isZero();
    CanaryPolicy policy = PolicyReader.fromYaml(run.out());
    assertThat(policy.analysis().scoring().pass()).isEqualTo(95.0);
    assertThat(policy.analysis().scoring().marginal()).isEqualTo(75.0);
    assertThat(policy.target().namespace()).isEqualTo("default");
  }

  @Test
  void aQueryForAnotherProviderIsInvalidInputNamingTheField() throws Exception {
    Path config = Files.writeString(dir.resolve("atlas.json"), """
        {"name": "cpu", "metrics": [{"name": "cpu", "query": {"type": "atlas", "q": "name,CpuRawUser,:eq"},
          "groups": ["system"], "analysisConfigurations": {"canary": {"direction": "increase"}}}],
         "classifier": {"groupWeights": {"system": 100}}}
        """);

    CliRun run = CliRun.of("import", "kayenta", config.toString(), "--name", "checkout");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("error: metrics[0].query.type: 'atlas': canary4j's metric source here is Prometheus")
        .contains("warning: metrics[0].query.q: is not a field of Kayenta's Prometheus query");
  }
}
