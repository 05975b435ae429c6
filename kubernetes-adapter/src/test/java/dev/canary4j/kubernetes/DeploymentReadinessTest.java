package dev.canary4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.Readiness;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The readiness of a Deployment, read from its status as {@code kubectl rollout status} reads it. */
class DeploymentReadinessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();

  static ObjectNode deployment(int replicas, long generation, String status) {
    try {
      return (ObjectNode) JSON.readTree("""
          {"metadata":{"name":"cart","generation":%d},"spec":{"replicas":%d},"status":%s}
          """.formatted(generation, replicas, status));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Readiness of(ObjectNode deployment) {
    return DeploymentWorkloads.readinessOf(deployment, "Deployment shop/cart");
  }

  @Test
  void aFullyRolledOutDeploymentIsReady() {
    assertThat(of(deployment(3, 4, """
        {"observedGeneration":4,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3}
        """))).isEqualTo(Readiness.ready());
  }

  @Test
  void aSpecTheControllerHasNotObservedYetIsNotReady() {
    Readiness r = of(deployment(3, 5, """
        {"observedGeneration":4,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3}
        """));
    assertThat(r.status()).isEqualTo(Readiness.Status.NOT_READY);
    assertThat(r.reason()).contains("generation 5 not yet observed");
  }

  @Test
  void replicasOnTheOldTemplateOrUnreadyOnesMakeItNotReady() {
    assertThat(of(deployment(3, 4, """
        {"observedGeneration":4,"replicas":3,"updatedReplicas":1,"readyReplicas":3,"availableReplicas":3}
        """)).reason()).contains("1 of 3 replicas run the latest template");
    assertThat(of(deployment(3, 4, """
        {"observedGeneration":4,"replicas":4,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3}
        """)).reason()).contains("1 old replicas are still terminating");
    assertThat(of(deployment(3, 4, """
        {"observedGeneration":4,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":2}
        """)).reason()).contains("2 of 3 replicas ready and available");
    assertThat(of(deployment(3, 4, "{}")).status()).isEqualTo(Readiness.Status.NOT_READY);
  }

  @Test
  void aProgressDeadlineExceededConditionMeansItWillNeverBeReady() {
    Readiness r = of(deployment(3, 4, """
        {"observedGeneration":4,"replicas":3,"updatedReplicas":3,"readyReplicas":0,"availableReplicas":0,
         "conditions":[{"type":"Available","status":"False"},
           {"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded",
            "message":"ReplicaSet \\"cart-7d9\\" has timed out progressing."}]}
        """));
    assertThat(r.status()).isEqualTo(Readiness.Status.NEVER_READY);
    assertThat(r.reason()).contains("ProgressDeadlineExceeded").contains("cart-7d9");
  }

  @Test
  void theWorkloadsReadTheCanarysAndThePrimarysDeploymentsFromTheApiServer() {
    server.setDispatcher(api);
    KubeClient client = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build()).build();
    DeploymentWorkloads workloads = new DeploymentWorkloads(client);
    String ready = """
        "status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2}""";
    api.put(DeploymentWorkloadsTest.CANARY, """
        {"metadata":{"name":"cart","namespace":"shop","generation":1},"spec":{"replicas":0},%s}""".formatted(ready));
    api.put(DeploymentWorkloadsTest.PRIMARY, """
        {"metadata":{"name":"cart-primary","namespace":"shop","generation":1,
           "annotations":{"canary4j.dev/promoted-revision":"abc"}},"spec":{"replicas":2},%s}""".formatted(ready));

    assertThat(workloads.canaryReadiness(DeploymentWorkloadsTest.CART, "abc").reason()).contains("scaled to zero");
    assertThat(workloads.primaryReadiness(DeploymentWorkloadsTest.CART, "abc")).isEqualTo(Readiness.ready());
    assertThat(workloads.primaryReadiness(DeploymentWorkloadsTest.CART, "def").reason())
        .contains("runs revision abc, not def");
  }
}
