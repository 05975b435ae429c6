package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.spec.PolicyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import flagger} on Canaries written to Flagger's Canary and MetricTemplate CRDs. */
class ImportFlaggerTest {

  private static final String FILES = "src/test/resources/flagger/";

  @TempDir
  Path dir;

  private static CliRun importFlagger(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "import";
    all[1] = "flagger";
    for (int i = 0; i < args.length; i++) {
      all[i + 2] = args[i].endsWith(".yaml") && !args[i].startsWith("/") ? FILES + args[i] : args[i];
    }
    return CliRun.of(all);
  }

  @Test
  void theIstioTutorialCanaryBecomesAPolicyThatSimulateRunsToPromotion() throws Exception {
    CliRun run = importFlagger("istio-tutorial-canary.yaml");

    assertThat(run.exit()).as(run.err()).isZero();
    CanaryPolicy policy = PolicyReader.fromYaml(run.out());
    assertThat(policy.target().id()).isEqualTo("test/podinfo");
    assertThat(policy.strategy()).isEqualTo(new CanaryStrategy(10, 50, List.of(), null));
    assertThat(policy.analysis().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.analysis().limits().failure().count()).isEqualTo(5);
    assertThat(policy.analysis().metrics()).extracting(MetricCheck::name, MetricCheck::min, MetricCheck::max,
            MetricCheck::interval, MetricCheck::onNoData)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("request-success-rate", 99.0, null, Duration.ofMinutes(1),
                NoDataPolicy.FAIL),
            org.assertj.core.groups.Tuple.tuple("request-duration", null, 500.0, Duration.ofSeconds(30), NoDataPolicy.FAIL));
    assertThat(policy.gates()).extracting(GateSpec::name, GateSpec::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acceptance-test", GateType.PRE_ROLLOUT),
            org.assertj.core.groups.Tuple.tuple("load-test", GateType.ROLLOUT));
    assertThat(policy.progressDeadline()).isEqualTo(Duration.ofMinutes(6));
    assertThat(run.err())
        .contains("warning: spec.analysis.webhooks[0].timeout: Flagger's timeout (30s) bounds one HTTP request")
        .contains("warning: spec.analysis.webhooks[1].timeout: Flagger's timeout (5s)")
        .contains("warning: spec.service: has no canary4j equivalent")
        .contains("warning: spec.autoscalerRef: has no canary4j equivalent")
        .contains("warning: spec.progressDeadlineSeconds: 60s is Flagger's limit for pods to become ready")
        .contains("warning: spec.analysis.threshold: becomes failureLimit 5")
        .contains("warning: spec.analysis.metrics[0]: Flagger counts a check without data as failed");

    Path policyFile = Files.writeString(dir.resolve("podinfo.yaml"), run.out());
    Path scenario = Files.writeString(dir.resolve("healthy.yaml"), """
        name: tutorial
        ticks: 20
        traffic:
          requestsPerSecond: 50
          primary: {errorRate: 0.1%, latencyMedianMs: 80}
          canary: {errorRate: 0.1%, latencyMedianMs: 85}
        gates:
          - {tick: 1, gate: acceptance-test, open: true}
          - {tick: 1, gate: load-test, open: true}
        """);
    CliRun simulated = CliRun.of("simulate", "--policy", policyFile.toString(), "--scenario", scenario.toString());
    assertThat(simulated.exit()).as(simulated.err()).isZero();
    assertThat(simulated.out()).contains("[tutorial] PROMOTED");
  }

  @Test
  void everyFieldOfTheCanarySpecAndItsAnalysisIsTranslatedOrWarnedAbout() throws Exception {
    CliRun run = importFlagger("every-field-canary.yaml");

    assertThat(run.exit()).as(run.err()).isZero();
    CanaryPolicy policy = PolicyReader.fromYaml(run.out());
    assertThat(policy.target().id()).isEqualTo("shop/checkout");
    assertThat(policy.strategy()).isEqualTo(new CanaryStrategy(20, 40, List.of(), new dev.canary4j.policy.Mirror(30)));
    assertThat(policy.analysis().interval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.analysis().limits().failure().count()).isEqualTo(3);
    assertThat(policy.promotion().stepWeight()).isEqualTo(25);
    assertThat(policy.progressDeadline()).isEqualTo(Duration.ofMinutes(10));
    MetricCheck duration = policy.analysis().metric("request-duration");
    assertThat(duration.max()).isEqualTo(800.0);
    assertThat(duration.interval()).isEqualTo(Duration.ofMinutes(4));
    MetricCheck budget = policy.analysis().metric("error-budget");
    assertThat(budget.query()).contains("service=\"checkout-svc\"").contains("route=\"{{ route }}\"")
        .contains("namespace=\"{{ namespace }}\"").contains("[{{ interval }}]");
    assertThat(budget.variables()).isEqualTo(Map.of("route", "/checkout"));
    assertThat(budget.max()).isEqualTo(1.0);
    MetricCheck queue = policy.analysis().metric("queue-depth");
    assertThat(queue.query()).isEqualTo("max(queue_depth{namespace=\"{{ namespace }}\", deployment=\"{{ canary }}\"})");
    assertThat(queue.min()).isEqualTo(0.0);
    assertThat(queue.max()).isEqualTo(50.0);
    assertThat(policy.analysis().metric("cpu").query()).contains("pod=~\"{{ canary }}-.*\"");
    assertThat(policy.analysis().metric("cpu").max()).isEqualTo(2.0);
    assertThat(policy.gates()).extracting(GateSpec::type).containsExactly(GateType.CONFIRM_ROLLOUT, GateType.PRE_ROLLOUT,
        GateType.ROLLOUT, GateType.CONFIRM_TRAFFIC_INCREASE, GateType.CONFIRM_PROMOTION, GateType.POST_ROLLOUT,
        GateType.ROLLBACK, GateType.EVENT);
    assertThat(policy.gate("smoke").orElseThrow().retries()).isEqualTo(3);
    assertThat(policy.gate("smoke").orElseThrow().metadata()).containsEntry("type", "bash");
    assertThat(policy.gate("audit").orElseThrow().retries()).isEqualTo(10);
    assertThat(run.err()).contains(
        "spec.metricsServer: has no canary4j equivalent",
        "spec.ingressRef: has no canary4j equivalent",
        "spec.routeRef: has no canary4j equivalent",
        "spec.upstreamRef: has no canary4j equivalent",
        "spec.skipAnalysis: has no canary4j equivalent",
        "spec.revertOnDeletion: has no canary4j equivalent",
        "spec.suspend: has no canary4j equivalent",
        "spec.analysis.primaryReadyThreshold: has no canary4j equivalent",
        "spec.analysis.canaryReadyThreshold: has no canary4j equivalent",
        "spec.analysis.alerts: has no canary4j equivalent",
        "spec.analysis.sessionAffinity: has no canary4j equivalent",
        "spec.analysis.webhooks[0].type: a closed confirm-rollout gate waits forever in Flagger",
        "spec.analysis.webhooks[2].muteAlert: has no canary4j equivalent",
        "spec.analysis.webhooks[5].disableTLS: has no canary4j equivalent",
        "spec.analysis.webhooks[7].retries: 20 is more than canary4j allows; written as 10",
        "spec.analysis.metrics[2].templateRef: {{ service }} has no canary4j variable; written as the service's name 'checkout-svc'",
        "MetricTemplate error-rate spec.provider.address: left out",
        "MetricTemplate error-rate spec.provider.secretRef: left out",
        "MetricTemplate error-rate spec.provider.insecureSkipVerify: left out");
    assertThat(run.err()).doesNotContain("spec.progressDeadlineSeconds: 600s is Flagger's limit for pods to become "
        + "ready; canary4j's progressDeadline also runs while analyses fail or hold, so it is written as 10m (");
  }

  @Test
  void anAnalysisBlockAloneBecomesAnAbTestWithEachHeaderMatchAndTheDifferencesNamed() {
    CliRun run = importFlagger("ab-testing-analysis.yaml", "--name", "podinfo", "--namespace", "test");

    assertThat(run.exit()).as(run.err()).isZero();
    CanaryPolicy policy = PolicyReader.fromYaml(run.out());
    AbTestingStrategy ab = (AbTestingStrategy) policy.strategy();
    assertThat(ab.iterations()).isEqualTo(12);
    assertThat(ab.matches()).extracting(m -> m.name() + " " + m.type() + " " + m.value()).containsExactly(
        "x-canary EXACT insider", "cookie REGEX ^(.*?;)?(canary=always)(;.*)?$", "user-agent REGEX .*\\QFirefox\\E",
        "x-region PREFIX eu-");
    assertThat(policy.analysis().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(run.err()).contains("analysis.match[2].headers: Flagger requires all 2 headers of one entry to match")
        .contains("analysis.match[2].headers.user-agent.suffix: canary4j has no suffix match")
        .contains("analysis.match[2].queryParams: has no canary4j equivalent")
        .contains("analysis.match[2].sourceLabels: has no canary4j equivalent");
  }

  @Test
  void blueGreenWithMirroringAndExplicitStepWeightsTranslate() {
    CliRun blueGreen = importFlagger("blue-green-stepweights.yaml");
    CliRun steps = importFlagger("step-weights.yaml");

    assertThat(PolicyReader.fromYaml(blueGreen.out()).strategy())
        .isEqualTo(new BlueGreenStrategy(5, new dev.canary4j.policy.Mirror(50)));
    assertThat(PolicyReader.fromYaml(steps.out()).strategy()).isEqualTo(new CanaryStrategy(null, null,
        List.of(1, 5, 25, 50), null));
    assertThat(steps.err()).contains("spec.analysis.maxWeight: left out: with stepWeights")
        .contains("spec.targetRef.kind: DaemonSet").contains("spec.provider: 'linkerd'");
  }

  @Test
  void aMissingMetricTemplateAndAFileThatIsNoCanaryAreInvalidInput() throws Exception {
    Path lone = Files.writeString(dir.resolve("lone.yaml"), """
        apiVersion: flagger.app/v1beta1
        kind: Canary
        metadata: {name: web, namespace: shop}
        spec:
          targetRef: {kind: Deployment, name: web}
          analysis:
            interval: 1m
            threshold: 2
            stepWeight: 10
            metrics:
              - name: errors
                templateRef: {name: not-given}
                thresholdRange: {max: 1}
        ---
        kind: Deployment
        metadata: {name: web}
        """);

    CliRun run = importFlagger(lone.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("document 2: expected a Flagger Canary, its analysis block or a MetricTemplate, but was kind Deployment");
  }
}
