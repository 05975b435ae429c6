package dev.canary4j.examples.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.CanaryState;
import dev.canary4j.Phase;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.DecisionLog;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.simulation.VirtualTimeScheduler;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.spec.StateCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller against a fake Kubernetes API and a fake Prometheus, in virtual time. */
class CanaryControllerTest {

  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/shop/deployments/";
  static final String CANARY = DEPLOYMENTS + "podinfo";
  static final String PRIMARY = DEPLOYMENTS + "podinfo-primary";
  static final String VIRTUAL_SERVICE = "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/podinfo";
  static final String DESTINATION_RULE = "/apis/networking.istio.io/v1/namespaces/shop/destinationrules/podinfo";
  static final String STATE = "/api/v1/namespaces/shop/configmaps/canary4j-podinfo";
  static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/shop/leases/canary4j-podinfo";

  static final String POLICY_YAML = """
      target: {namespace: shop, name: podinfo}
      strategy: {canary: {stepWeight: 25, maxWeight: 50}}
      analysis:
        interval: 1m
        metrics:
          - {name: request-success-rate, min: 99, minRequests: 100}
          - {name: request-duration, max: 500}
        limits: {failureLimit: 2}
      """;
  static final CanaryPolicy POLICY = PolicyReader.fromYaml(POLICY_YAML);

  @StartStop final MockWebServer kubeServer = NoDelayServers.create();
  @StartStop final MockWebServer prometheusServer = NoDelayServers.create();
  final FakeApiServer kube = new FakeApiServer().rollOutDeploymentsAtOnce();
  final FakePrometheus prometheus = new FakePrometheus("podinfo", "podinfo-primary");
  final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
  final VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
  final StringWriter decisions = new StringWriter();
  final ByteArrayOutputStream output = new ByteArrayOutputStream();
  CanaryController controller;

  static String deployment(String name, String image, int replicas) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1$s","namespace":"shop"},
         "spec":{"replicas":%3$d,"selector":{"matchLabels":{"app":"%1$s"}},
           "template":{"metadata":{"labels":{"app":"%1$s","app.kubernetes.io/name":"podinfo"}},
             "spec":{"containers":[{"name":"podinfo","image":"%2$s",
               "envFrom":[{"configMapRef":{"name":"podinfo-config"}}],
               "env":[{"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"podinfo-token","key":"token"}}}]}]}}}}
        """.formatted(name, image, replicas);
  }

  @BeforeEach
  void cluster() {
    kubeServer.setDispatcher(kube);
    prometheusServer.setDispatcher(prometheus);
    populate(kube);
  }

  /** Both Deployments on podinfo:1, their ConfigMap and Secret, and the VirtualService sending everything to the primary. */
  static void populate(FakeApiServer kube) {
    kube.put(PRIMARY, deployment("podinfo-primary", "podinfo:1", 3));
    kube.put(CANARY, deployment("podinfo", "podinfo:1", 0));
    kube.put("/api/v1/namespaces/shop/configmaps/podinfo-config", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"podinfo-config"},"data":{"LEVEL":"info"}}""");
    kube.put("/api/v1/namespaces/shop/secrets/podinfo-token", """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"podinfo-token"},"data":{"token":"dG9r"}}""");
    kube.put(VIRTUAL_SERVICE, """
        {"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"podinfo","namespace":"shop"},
         "spec":{"hosts":["podinfo"],"http":[{"name":"main","timeout":"5s",
           "route":[{"destination":{"host":"podinfo","subset":"primary"},"weight":100}]}]}}""");
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
  }

  CanaryController controller(String identity) {
    KubeClient client = KubeClient.builder(KubeConfig.builder(kubeServer.url("/").toString()).build()).build();
    PrometheusClient metrics = PrometheusClient.create(PrometheusConfig.custom(prometheusServer.url("/").toString())
        .build());
    return new CanaryController(POLICY, client, PrometheusMetricSource.create(metrics), identity, clock, scheduler,
        CanaryRunner.builder().callExecutor(new SameThreadExecutor()).listener(new DecisionLog(decisions)),
        new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  /** The controller has started on the cluster as it is: the canary runs what the primary runs. */
  void startOnTheCurrentRevision() {
    controller = controller("replica-a");
    controller.start();
    scheduler.runDue();
    assertThat(controller.isLeading()).isTrue();
    assertThat(storedState().phase()).isEqualTo(Phase.INITIALIZED);
  }

  /** A user rolls out a new image to the canary Deployment and the controller's next poll sees it. */
  void deployNewImage() {
    kube.put(CANARY, deployment("podinfo", "podinfo:2", 0));
    scheduler.advance(CanaryController.POLL_INTERVAL);
  }

  CanaryState storedState() {
    return StateCodec.fromJson(kube.get(STATE).at("/data/state.json").asText());
  }

  /** Primary and canary weights of every VirtualService write, in order. */
  List<String> weightsWritten() {
    return kube.writesTo(VIRTUAL_SERVICE).stream().map(w -> {
      JsonNode route = w.body().at("/spec/http/0/route");
      return route.path(0).path("weight").asInt() + "/" + route.path(1).path("weight").asInt();
    }).toList();
  }

  /** Phase and canary weight of every state written to the ConfigMap, in order. */
  List<String> statesWritten() {
    return kube.writesTo(STATE).stream()
        .map(w -> StateCodec.fromJson(w.body().at("/data/state.json").asText()))
        .map(state -> state.phase() + " " + state.split().canary()).toList();
  }

  /** Another replica holds the Lease from now on, renewing it every poll interval. */
  void holdLeaseAs(String identity) {
    kube.put(LEASE, """
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"canary4j-podinfo","namespace":"shop"},
         "spec":{"holderIdentity":"%s","leaseDurationSeconds":15,"leaseTransitions":1,"renewTime":"%s"}}""".formatted(
        identity, clock.instant()));
    scheduler.schedule(CanaryController.POLL_INTERVAL, () -> holdLeaseAs(identity));
  }

  String log() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aHealthyNewRevisionIsShiftedStepByStepAndPromotedOntoThePrimary() {
    startOnTheCurrentRevision();
    String firstRevision = storedState().revision();

    deployNewImage();

    assertThat(storedState().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(storedState().revision()).isNotEqualTo(firstRevision);
    assertThat(log()).contains("canary shop/podinfo runs revision " + storedState().revision());
    assertThat(kube.get(CANARY).at("/spec/replicas").asInt()).as("scaled up to the primary's replicas").isEqualTo(3);

    scheduler.advance(Duration.ofMinutes(5));

    assertThat(storedState().phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(weightsWritten()).containsExactly("100/0", "75/25", "50/50", "100/0");
    assertThat(kube.writesTo(VIRTUAL_SERVICE)).allSatisfy(w -> {
      assertThat(w.method()).isEqualTo("PATCH");
      assertThat(w.body().at("/spec/http/0/timeout").asText()).as("the route's other fields are kept").isEqualTo("5s");
    });
    JsonNode primary = kube.get(PRIMARY);
    assertThat(primary.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("podinfo:2");
    assertThat(primary.at("/spec/template/metadata/labels/app").asText()).isEqualTo("podinfo-primary");
    assertThat(primary.at("/metadata/annotations/canary4j.dev~1promoted-revision").asText())
        .isEqualTo(storedState().revision());
    assertThat(kube.get(CANARY).at("/spec/replicas").asInt()).as("finalised: canary scaled down").isZero();
    assertThat(kube.get(DESTINATION_RULE).at("/spec/subsets").toString())
        .contains("{\"name\":\"primary\",\"labels\":{\"app\":\"podinfo-primary\"}}")
        .contains("{\"name\":\"canary\",\"labels\":{\"app\":\"podinfo\"}}");
    assertThat(statesWritten()).as("every decision is stored in the ConfigMap, compare-and-set")
        .containsExactly("INITIALIZED 0", "INITIALIZED 0", "PROGRESSING 0", "PROGRESSING 25", "PROGRESSING 50",
            "PROMOTING 50", "FINALISING 0", "SUCCEEDED 0");
    assertThat(kube.writesTo(STATE).subList(1, kube.writesTo(STATE).size()))
        .allSatisfy(w -> assertThat(w.body().at("/metadata/resourceVersion").asText()).isNotEmpty());
    assertThat(decisions.toString()).contains("\"phase\":\"SUCCEEDED\"");
  }

  @Test
  void aBadNewRevisionIsRolledBackAndTheCanaryScaledDown() {
    startOnTheCurrentRevision();
    prometheus.canary(95.0, 900);

    deployNewImage();
    scheduler.advance(Duration.ofMinutes(5));

    assertThat(storedState().phase()).isEqualTo(Phase.FAILED);
    assertThat(weightsWritten()).containsExactly("100/0", "75/25", "100/0");
    assertThat(kube.get(VIRTUAL_SERVICE).at("/spec/http/0/route/0/weight").asInt()).isEqualTo(100);
    assertThat(kube.get(VIRTUAL_SERVICE).at("/spec/http/0/route/1/weight").asInt()).isZero();
    assertThat(kube.get(CANARY).at("/spec/replicas").asInt()).isZero();
    assertThat(kube.get(PRIMARY).at("/spec/template/spec/containers/0/image").asText()).isEqualTo("podinfo:1");
    assertThat(decisions.toString()).contains("canary 95 is below the minimum 99");
  }

  @Test
  void aConfigurationOnlyChangeIsANewRevisionToAnalyse() {
    startOnTheCurrentRevision();
    String firstRevision = storedState().revision();

    kube.put("/api/v1/namespaces/shop/configmaps/podinfo-config", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"podinfo-config"},"data":{"LEVEL":"debug"}}""");
    scheduler.advance(CanaryController.POLL_INTERVAL);

    assertThat(storedState().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(storedState().revision()).isNotEqualTo(firstRevision);
  }

  @Test
  void aSecondReplicaWaitsWhileTheLeaderHoldsTheLeaseAndTakesOverWhereItStopped() {
    startOnTheCurrentRevision();
    deployNewImage();
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(storedState().split().canary()).isEqualTo(25);
    int writesBefore = kube.writesTo(VIRTUAL_SERVICE).size();

    try (CanaryController second = controller("replica-b")) {
      second.start();
      scheduler.advance(CanaryController.POLL_INTERVAL);
      assertThat(second.isLeading()).isFalse();
      assertThat(kube.get(LEASE).at("/spec/holderIdentity").asText()).isEqualTo("replica-a");

      controller.close(); // Gives the Lease up.
      scheduler.advance(CanaryController.POLL_INTERVAL);
      assertThat(second.isLeading()).isTrue();
      assertThat(kube.get(LEASE).at("/spec/holderIdentity").asText()).isEqualTo("replica-b");
      assertThat(kube.get(LEASE).at("/spec/leaseTransitions").asInt()).isEqualTo(1);

      scheduler.advance(Duration.ofMinutes(4));
    }

    assertThat(storedState().phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(weightsWritten().subList(writesBefore, weightsWritten().size()))
        .as("the second replica continued from the stored step").containsExactly("50/50", "100/0");
    assertThat(kube.get(PRIMARY).at("/spec/template/spec/containers/0/image").asText()).isEqualTo("podinfo:2");
  }

  @Test
  void aReplicaThatLosesTheLeaseStopsDriving() {
    startOnTheCurrentRevision();
    deployNewImage();
    scheduler.advance(Duration.ofMinutes(1));
    int writesBefore = kube.writesTo(VIRTUAL_SERVICE).size();
    String stateVersion = kube.get(STATE).at("/metadata/resourceVersion").asText();

    // Another replica took the Lease over (this one was cut off from the API server, say) and renews it.
    holdLeaseAs("replica-z");
    scheduler.advance(CanaryController.POLL_INTERVAL);
    assertThat(controller.isLeading()).isFalse();
    scheduler.advance(Duration.ofMinutes(3).minus(CanaryController.POLL_INTERVAL));

    assertThat(log()).contains("replica-a no longer leads canary shop/podinfo");
    assertThat(kube.writesTo(VIRTUAL_SERVICE)).hasSize(writesBefore);
    assertThat(kube.get(STATE).at("/metadata/resourceVersion").asText()).isEqualTo(stateVersion);
    assertThat(controller.runner().canaries()).isEmpty();
  }

  @Test
  void aFailedPollIsReportedAndTheNextOneTriesAgain() {
    startOnTheCurrentRevision();

    kube.put(CANARY, deployment("podinfo", "podinfo:2", 0).replace("podinfo-config", "podinfo-config-v2"));
    scheduler.advance(CanaryController.POLL_INTERVAL);

    assertThat(log()).contains("poll failed, trying again in PT5S: Deployment shop/podinfo requires ConfigMap "
        + "'podinfo-config-v2'");
    assertThat(storedState().phase()).isEqualTo(Phase.INITIALIZED);

    kube.put("/api/v1/namespaces/shop/configmaps/podinfo-config-v2", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"podinfo-config-v2"},"data":{"LEVEL":"info"}}""");
    scheduler.advance(CanaryController.POLL_INTERVAL);

    assertThat(storedState().phase()).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void withoutStoredStateACanaryThatDiffersFromTheRevisionThePrimaryRecordsIsAnalysed() {
    kube.put(PRIMARY, deployment("podinfo-primary", "podinfo:1", 3)
        .replace("\"namespace\":\"shop\"}", "\"namespace\":\"shop\",\"annotations\":{\"canary4j.dev/promoted-revision\":\"r1\"}}"));
    controller = controller("replica-a");
    controller.start();
    scheduler.runDue();

    assertThat(storedState().primaryRevision()).isEqualTo("r1");
    assertThat(storedState().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(storedState().revision()).isNotEqualTo("r1");
  }

  static final String STATUS = "/api/v1/namespaces/shop/configmaps/canary4j-podinfo-status";

  /** What {@code kubectl annotate deploy podinfo KEY=VALUE --overwrite} does. */
  void annotate(String path, String key, String value) {
    ObjectNode deployment = kube.get(path);
    deployment.withObjectProperty("metadata").withObjectProperty("annotations").put(key, value);
    kube.put(path, deployment.toString());
  }

  List<JsonNode> eventsOn(String deployment) {
    return kube.paths().stream().filter(p -> p.startsWith("/api/v1/namespaces/shop/events/")).map(kube::get)
        .filter(e -> e.at("/involvedObject/name").asText().equals(deployment)).map(JsonNode.class::cast).toList();
  }

  long commandsInHistory() {
    return storedState().history().stream().filter(h -> h.reason().startsWith("ABORT ")).count();
  }

  @Test
  void anAbortAnnotationRollsTheCanaryBackAndIsAnsweredOnce() {
    startOnTheCurrentRevision();
    deployNewImage();
    scheduler.advance(Duration.ofMinutes(2));
    assertThat(storedState().split().canary()).as("one analysis passed").isEqualTo(50);

    annotate(CANARY, "canary4j.dev/command", "abort");
    scheduler.advance(CanaryController.POLL_INTERVAL);

    assertThat(storedState().phase()).isEqualTo(Phase.ABORTED);
    assertThat(kube.get(VIRTUAL_SERVICE).at("/spec/http/0/route/0/weight").asInt()).isEqualTo(100);
    assertThat(kube.get(VIRTUAL_SERVICE).at("/spec/http/0/route/1/weight").asInt()).isZero();
    assertThat(kube.get(CANARY).at("/spec/replicas").asInt()).isZero();
    JsonNode annotations = kube.get(CANARY).at("/metadata/annotations");
    assertThat(annotations.has("canary4j.dev/command")).isFalse();
    assertThat(annotations.has("canary4j.dev/command-pending")).isFalse();
    assertThat(annotations.path("canary4j.dev/command-handled").asText()).startsWith("abort@").contains("ABORT applied");

    scheduler.advance(Duration.ofMinutes(3));
    assertThat(commandsInHistory()).as("answered once").isEqualTo(1);
    JsonNode status = kube.get(STATUS).path("data");
    assertThat(status.path("phase").asText()).isEqualTo("ABORTED");
    assertThat(status.path("weights").asText()).isEqualTo("primary=100 canary=0");
    assertThat(status.path("lastCommand").asText()).contains("ABORT applied");
    assertThat(status.path("lastVerdicts").asText()).contains("request-success-rate: PASS");
    assertThat(eventsOn("podinfo")).extracting(e -> e.path("reason").asText())
        .contains("AnalysisStarted", "TrafficShifted", "CommandHandled", "RolledBack");
  }

  @Test
  void aCommandClaimedBeforeARestartRunsOnceWhetherOrNotItRan() {
    startOnTheCurrentRevision();
    deployNewImage();
    scheduler.advance(Duration.ofMinutes(1));
    annotate(CANARY, "canary4j.dev/command", "abort");
    scheduler.advance(CanaryController.POLL_INTERVAL);
    String id = kube.get(CANARY).at("/metadata/annotations/canary4j.dev~1command-handled").asText().split(":")[0];
    controller.close();

    // As if the replica had stopped after running the command and before answering it.
    annotate(CANARY, "canary4j.dev/command-pending", id);
    controller = controller("replica-b");
    controller.start();
    scheduler.runDue();

    assertThat(commandsInHistory()).isEqualTo(1);
    assertThat(kube.get(CANARY).at("/metadata/annotations").has("canary4j.dev/command-pending")).isFalse();
    assertThat(kube.get(CANARY).at("/metadata/annotations/canary4j.dev~1command-handled").asText())
        .isEqualTo(id + ": ran before a restart; see the decision history");
  }

  @Test
  void pauseAndResumeAnnotationsHoldAndContinueTheRollout() {
    startOnTheCurrentRevision();
    deployNewImage();
    scheduler.advance(Duration.ofMinutes(1));

    annotate(CANARY, "canary4j.dev/command", "pause");
    scheduler.advance(Duration.ofMinutes(3));
    assertThat(storedState().phase()).isEqualTo(Phase.PAUSED);
    assertThat(storedState().split().canary()).isEqualTo(25);

    annotate(CANARY, "canary4j.dev/command", "resume");
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(storedState().phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(eventsOn("podinfo")).extracting(e -> e.path("reason").asText()).contains("Paused", "Promoted");
  }

  @Test
  void anAnnotationThatNamesNoCommandIsAnsweredAsRefused() {
    startOnTheCurrentRevision();

    annotate(CANARY, "canary4j.dev/command", "rollback");
    scheduler.advance(CanaryController.POLL_INTERVAL);

    assertThat(kube.get(CANARY).at("/metadata/annotations/canary4j.dev~1command-handled").asText())
        .isEqualTo("rollback: refused, expected one of promote, abort, pause, resume");
    assertThat(storedState().phase()).isEqualTo(Phase.INITIALIZED);
  }
}
