package dev.canary4j.examples.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canary4j.Phase;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.spec.StateCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's controller on real threads and a kubeconfig, against the fake APIs. */
class RunControllerTest {

  @StartStop final MockWebServer kubeServer = NoDelayServers.create();
  @StartStop final MockWebServer prometheusServer = NoDelayServers.create();
  final FakeApiServer kube = new FakeApiServer().rollOutDeploymentsAtOnce();
  final ByteArrayOutputStream output = new ByteArrayOutputStream();
  @TempDir Path dir;
  Path kubeconfig;
  Path policy;

  @BeforeEach
  void files() throws Exception {
    kubeServer.setDispatcher(kube);
    prometheusServer.setDispatcher(new FakePrometheus("podinfo", "podinfo-primary"));
    CanaryControllerTest.populate(kube);
    kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: fake, cluster: {server: "%s"}}]
        users: [{name: controller, user: {token: s3cret}}]
        contexts: [{name: fake, context: {cluster: fake, user: controller, namespace: shop}}]
        current-context: fake
        """.formatted(kubeServer.url("/")));
    policy = Files.writeString(dir.resolve("canary.yaml"), CanaryControllerTest.POLICY_YAML);
  }

  List<String> args(Path policyFile) {
    return List.of("--kubeconfig", kubeconfig.toString(), "--prometheus", prometheusServer.url("/").toString(),
        "--policy", policyFile.toString(), "--decisions", dir.resolve("decisions.jsonl").toString());
  }

  @Test
  void startsFromItsArgumentsTakesTheLeaseAndRecordsTheCurrentRevisionAsThePrimary() throws Exception {
    try (RunController.Running running = RunController.start(args(policy), "replica-1",
        new PrintStream(output, true, StandardCharsets.UTF_8))) {
      assertThat(kube.awaitWrite(CanaryControllerTest.STATE, Duration.ofSeconds(10))).isTrue();
      assertThat(running.controller().isLeading()).isTrue();
      assertThat(kube.get(CanaryControllerTest.LEASE).at("/spec/holderIdentity").asText()).isEqualTo("replica-1");
    } // Closing waits for the poll under way and gives the Lease up.

    assertThat(kubeServer.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(StateCodec.fromJson(kube.get(CanaryControllerTest.STATE).at("/data/state.json").asText()).phase())
        .isEqualTo(Phase.INITIALIZED);
    assertThat(kube.get(CanaryControllerTest.LEASE).at("/spec/holderIdentity").isMissingNode()).isTrue();
    assertThat(Files.readString(dir.resolve("decisions.jsonl"))).contains("\"phase\":\"INITIALIZED\"");
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("replica-1 leads canary shop/podinfo");
  }

  @Test
  void theMetricsEndpointAnswersTheRunnersMetricsInPrometheusTextFormat() throws Exception {
    List<String> args = new java.util.ArrayList<>(args(policy));
    args.addAll(List.of("--metrics", "127.0.0.1:0"));
    try (RunController.Running running = RunController.start(args, "replica-1",
        new PrintStream(output, true, StandardCharsets.UTF_8))) {
      assertThat(kube.awaitWrite(CanaryControllerTest.STATE, Duration.ofSeconds(10))).isTrue();
      okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
      String body = "";
      // The decision is published just after the state is stored, and its counter and the canary's
      // gauges are registered one after the other: scrape until both show, as Prometheus would.
      for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
          !(body.contains("canary4j_decisions_total") && body.contains("canary4j_canary_weight{"))
              && System.nanoTime() < deadline; ) {
        try (okhttp3.Response r = http.newCall(new okhttp3.Request.Builder()
            .url("http://127.0.0.1:" + running.metrics().port() + "/metrics").build()).execute()) {
          assertThat(r.code()).isEqualTo(200);
          assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
          body = r.body().string();
        }
      }

      assertThat(body)
          .contains("# TYPE canary4j_canary_weight gauge", "canary4j_canary_weight{canary=\"shop/podinfo\"} 0")
          .contains("canary4j_canary_phase{canary=\"shop/podinfo\",phase=\"INITIALIZED\"} 1")
          .contains("canary4j_canary_phase{canary=\"shop/podinfo\",phase=\"PROGRESSING\"} 0")
          .contains("# TYPE canary4j_decisions_total counter",
              "canary4j_decisions_total{canary=\"shop/podinfo\",input=\"revision\"} 1")
          .contains("canary4j_adapter_calls_seconds_count{adapter=\"state store\",outcome=\"success\"}");
      assertThat(promtoolCheck(body)).as("promtool check metrics").isEmpty();
      assertThat(output.toString(StandardCharsets.UTF_8))
          .contains("metrics for Prometheus at http://127.0.0.1:" + running.metrics().port() + "/metrics");
    }
  }

  /** What {@code promtool check metrics} finds wrong with {@code exposition}; a missing promtool fails. */
  private static String promtoolCheck(String exposition) throws Exception {
    Path promtool = Path.of(System.getProperty("promtool.binary", "/usr/bin/promtool"));
    assertThat(Files.isExecutable(promtool)).as("promtool is needed (Debian package prometheus) at " + promtool).isTrue();
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (java.io.OutputStream in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? "" : said;
  }

  @Test
  void anInvalidPolicyIsReportedWithThePathOfTheBadField() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), CanaryControllerTest.POLICY_YAML.replace("maxWeight: 50", "maxWeight: 150"));

    assertThatThrownBy(() -> RunController.start(args(bad), "replica-1", System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strategy.canary.maxWeight");
    assertThat(kubeServer.getRequestCount()).isZero();
  }

  @Test
  void aConfigMapChangeReachesTheMachineThroughTheWatchBeforeTheNextPoll() throws Exception {
    try (RunController.Running running = RunController.start(args(policy), "replica-1",
        new PrintStream(output, true, StandardCharsets.UTF_8))) {
      assertThat(kube.awaitObject(CanaryControllerTest.STATE, cm -> phase(cm) == Phase.INITIALIZED,
          Duration.ofSeconds(10))).isTrue();
      assertThat(running.controller().isLeading()).isTrue();
      assertThat(kube.awaitWatches(3, Duration.ofSeconds(10))).as("Deployment, ConfigMap and Secret watches").isTrue();

      kube.put("/api/v1/namespaces/shop/configmaps/podinfo-config", """
          {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"podinfo-config"},"data":{"LEVEL":"debug"}}""");

      // Only the watch can be this quick: the next poll is POLL_INTERVAL (5 s) after the last one.
      assertThat(kube.awaitObject(CanaryControllerTest.STATE, cm -> phase(cm) == Phase.PROGRESSING,
          CanaryController.POLL_INTERVAL.minusSeconds(1))).as("a new revision under analysis before the next poll")
          .isTrue();
    }
  }

  static Phase phase(JsonNode configMap) {
    return StateCodec.fromJson(configMap.at("/data/state.json").asText()).phase();
  }
}
