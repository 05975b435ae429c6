package dev.canary4j.examples.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.Phase;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.simulation.VirtualTimeScheduler;
import dev.canary4j.spec.StateCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The controller runs a canary end to end with each router it offers, against the fake APIs in virtual time. */
class RouterChoiceTest {

  static final String HTTP_ROUTE = "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/podinfo";

  @StartStop final MockWebServer kubeServer = NoDelayServers.create();
  @StartStop final MockWebServer prometheusServer = NoDelayServers.create();
  final FakeApiServer kube = new FakeApiServer().rollOutDeploymentsAtOnce();
  final FakePrometheus prometheus = new FakePrometheus("podinfo", "podinfo-primary");
  final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
  final VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
  final ByteArrayOutputStream output = new ByteArrayOutputStream();
  CanaryController controller;

  @BeforeEach
  void cluster() {
    kubeServer.setDispatcher(kube);
    prometheusServer.setDispatcher(prometheus);
    CanaryControllerTest.populate(kube);
    kube.put(HTTP_ROUTE, """
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"podinfo","namespace":"shop"},
         "spec":{"parentRefs":[{"name":"public","namespace":"gateways"}],
           "rules":[{"timeouts":{"request":"5s"},"backendRefs":[{"name":"podinfo-primary","port":9898}]}]}}""");
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
  }

  /** The route object {@code router} edits. */
  static String routePath(RouterKind router) {
    return router == RouterKind.ISTIO ? CanaryControllerTest.VIRTUAL_SERVICE : HTTP_ROUTE;
  }

  /** Primary and canary weights of every write to the route {@code router} edits, in order. */
  List<String> weightsWritten(RouterKind router) {
    return kube.writesTo(routePath(router)).stream().map(w -> {
      JsonNode entries = router == RouterKind.ISTIO ? w.body().at("/spec/http/0/route") : w.body().at("/spec/rules/0/backendRefs");
      return entries.path(0).path("weight").asInt() + "/" + entries.path(1).path("weight").asInt();
    }).toList();
  }

  /** Starts a controller with {@code router} on the cluster as it is, then rolls a new image out to the canary. */
  void rollOutANewImageWith(RouterKind router) {
    KubeClient client = KubeClient.builder(KubeConfig.builder(kubeServer.url("/").toString()).build()).build();
    PrometheusClient metrics = PrometheusClient.create(PrometheusConfig.custom(prometheusServer.url("/").toString())
        .build());
    controller = new CanaryController(CanaryControllerTest.POLICY, client, router, PrometheusMetricSource.create(metrics),
        "replica-a", clock, scheduler, CanaryRunner.builder().callExecutor(new SameThreadExecutor()),
        new PrintStream(output, true, StandardCharsets.UTF_8));
    controller.start();
    scheduler.runDue();
    kube.put(CanaryControllerTest.CANARY, CanaryControllerTest.deployment("podinfo", "podinfo:2", 0));
    scheduler.advance(CanaryController.POLL_INTERVAL);
  }

  Phase storedPhase() {
    return StateCodec.fromJson(kube.get(CanaryControllerTest.STATE).at("/data/state.json").asText()).phase();
  }

  @ParameterizedTest
  @EnumSource(RouterKind.class)
  void aHealthyNewRevisionIsShiftedStepByStepAndPromotedWithEitherRouter(RouterKind router) {
    rollOutANewImageWith(router);

    scheduler.advance(Duration.ofMinutes(5));

    assertThat(storedPhase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(weightsWritten(router)).containsExactly("100/0", "75/25", "50/50", "100/0");
    assertThat(kube.writesTo(routePath(router))).allSatisfy(w -> assertThat(w.method()).isEqualTo("PATCH"));
    assertThat(kube.get(CanaryControllerTest.PRIMARY).at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("podinfo:2");
    RouterKind other = router == RouterKind.ISTIO ? RouterKind.GATEWAY_API : RouterKind.ISTIO;
    assertThat(kube.writesTo(routePath(other))).as("the router not chosen is left alone").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RouterKind.class)
  void aBadNewRevisionIsRolledBackWithEitherRouter(RouterKind router) {
    prometheus.canary(95.0, 900);

    rollOutANewImageWith(router);
    scheduler.advance(Duration.ofMinutes(5));

    assertThat(storedPhase()).isEqualTo(Phase.FAILED);
    assertThat(weightsWritten(router)).containsExactly("100/0", "75/25", "100/0");
    assertThat(kube.get(CanaryControllerTest.PRIMARY).at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("podinfo:1");
  }

  @ParameterizedTest
  @EnumSource(RouterKind.class)
  void anAbortAnnotationRollsTheCanaryBackWithEitherRouter(RouterKind router) {
    rollOutANewImageWith(router);
    scheduler.advance(Duration.ofMinutes(2));
    assertThat(weightsWritten(router)).last().isEqualTo("50/50");

    ObjectNode canary = kube.get(CanaryControllerTest.CANARY);
    canary.withObjectProperty("metadata").withObjectProperty("annotations").put("canary4j.dev/command", "abort");
    kube.put(CanaryControllerTest.CANARY, canary.toString());
    scheduler.advance(CanaryController.POLL_INTERVAL);

    assertThat(storedPhase()).isEqualTo(Phase.ABORTED);
    assertThat(weightsWritten(router)).containsExactly("100/0", "75/25", "50/50", "100/0");
    assertThat(kube.get(CanaryControllerTest.CANARY).at("/spec/replicas").asInt()).isZero();
  }

  @Test
  void theGatewayApiRouterKeepsTheRulesOtherFields() {
    rollOutANewImageWith(RouterKind.GATEWAY_API);
    scheduler.advance(Duration.ofMinutes(1));

    JsonNode route = kube.get(HTTP_ROUTE);
    assertThat(route.at("/spec/rules/0/timeouts/request").asText()).isEqualTo("5s");
    assertThat(route.at("/spec/parentRefs/0/name").asText()).isEqualTo("public");
    assertThat(route.at("/spec/rules/0/backendRefs/1/name").asText()).isEqualTo("podinfo");
    assertThat(route.at("/spec/rules/0/backendRefs/1/port").asInt()).isEqualTo(9898);
  }

  @Test
  void theCommandLineChoosesTheGatewayApiRouter(@TempDir Path dir) throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: fake, cluster: {server: "%s"}}]
        users: [{name: controller, user: {token: s3cret}}]
        contexts: [{name: fake, context: {cluster: fake, user: controller, namespace: shop}}]
        current-context: fake
        """.formatted(kubeServer.url("/")));
    Path policy = Files.writeString(dir.resolve("canary.yaml"), CanaryControllerTest.POLICY_YAML);
    kube.put(CanaryControllerTest.CANARY, CanaryControllerTest.deployment("podinfo", "podinfo:2", 0));
    kube.put(CanaryControllerTest.PRIMARY, CanaryControllerTest.deployment("podinfo-primary", "podinfo:1", 3).replace(
        "\"namespace\":\"shop\"}", "\"namespace\":\"shop\",\"annotations\":{\"canary4j.dev/promoted-revision\":\"r1\"}}"));

    try (RunController.Running running = RunController.start(List.of("--kubeconfig", kubeconfig.toString(),
        "--prometheus", prometheusServer.url("/").toString(), "--policy", policy.toString(),
        "--decisions", dir.resolve("decisions.jsonl").toString(), "--router", "gateway-api"), "replica-1",
        new PrintStream(output, true, StandardCharsets.UTF_8))) {
      assertThat(kube.awaitWrite(HTTP_ROUTE, Duration.ofSeconds(10))).as("the HTTPRoute was written").isTrue();
      assertThat(running.controller().isLeading()).isTrue();
    }

    assertThat(kube.writesTo(CanaryControllerTest.VIRTUAL_SERVICE)).isEmpty();
    assertThat(kube.get(HTTP_ROUTE).at("/spec/rules/0/backendRefs/1/name").asText()).isEqualTo("podinfo");
  }
}
