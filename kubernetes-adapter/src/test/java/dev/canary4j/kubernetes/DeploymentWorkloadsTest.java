package dev.canary4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.ApiResponses;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentWorkloadsTest {

  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/shop/deployments/";
  static final String PRIMARY = DEPLOYMENTS + "cart-primary";
  static final String CANARY = DEPLOYMENTS + "cart";
  static final Target CART = Target.of("shop", "cart");

  static final String PRIMARY_JSON = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"cart-primary","namespace":"shop",
         "labels":{"team":"checkout"}},
       "spec":{"replicas":4,"strategy":{"type":"RollingUpdate"},"selector":{"matchLabels":{"app":"cart-primary"}},
         "template":{"metadata":{"labels":{"app":"cart-primary","version":"1"}},
           "spec":{"nodeSelector":{"pool":"old"},"containers":[{"name":"cart","image":"cart:1"}]}}}}
      """;

  static String canaryJson(String image, int replicas) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"cart","namespace":"shop"},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"cart","track":"canary"}},
           "template":{"metadata":{"labels":{"app":"cart","track":"canary","version":"2"},
                                   "annotations":{"prometheus.io/scrape":"true"}},
             "spec":{"containers":[{"name":"cart","image":"%s","env":[{"name":"MODE","value":"fast"}]}]}}}}
        """.formatted(replicas, image);
  }

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  KubeClient client;
  DeploymentWorkloads workloads;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    client = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build()).maxAttempts(1).build();
    workloads = new DeploymentWorkloads(client);
    api.put(PRIMARY, PRIMARY_JSON);
    api.put(CANARY, canaryJson("cart:2", 1));
  }

  String canaryRevision() {
    return new ConfigFingerprint(client).compute("shop", "cart").sha256();
  }

  @Test
  void promotionCopiesTheCanarysPodTemplateOntoThePrimaryRelabelledForThePrimarysSelector() {
    String revision = canaryRevision();

    workloads.promote(CART, revision);

    ObjectNode primary = api.get(PRIMARY);
    assertThat(primary.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("cart:2");
    assertThat(primary.at("/spec/template/spec/containers/0/env/0/value").asText()).isEqualTo("fast");
    assertThat(primary.at("/spec/template/spec/nodeSelector").isMissingNode())
        .as("a field the canary no longer has is gone from the primary").isTrue();
    assertThat(primary.at("/spec/template/metadata/labels").toString())
        .as("the primary's selector label set, the canary's selector labels dropped, the rest copied")
        .isEqualTo("{\"version\":\"2\",\"app\":\"cart-primary\"}");
    assertThat(primary.at("/spec/template/metadata/annotations/prometheus.io~1scrape").asText()).isEqualTo("true");
    assertThat(primary.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(primary.at("/spec/selector/matchLabels/app").asText()).isEqualTo("cart-primary");
    assertThat(primary.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(primary.at("/metadata/labels/team").asText()).isEqualTo("checkout");
    assertThat(primary.at("/metadata/annotations/canary4j.dev~1promoted-revision").asText()).isEqualTo(revision);
  }

  @Test
  void aPromotionThePrimaryAlreadyRecordsIsNotWrittenAgain() {
    String revision = canaryRevision();
    workloads.promote(CART, revision);
    String version = api.get(PRIMARY).at("/metadata/resourceVersion").asText();
    int requests = server.getRequestCount();

    workloads.promote(CART, revision);

    assertThat(api.get(PRIMARY).at("/metadata/resourceVersion").asText()).isEqualTo(version);
    assertThat(server.getRequestCount() - requests).as("one GET of the primary, nothing else").isEqualTo(1);
  }

  @Test
  void refusesToPromoteACanaryThatChangedSinceItsAnalysis() {
    String analysed = canaryRevision();
    api.put(CANARY, canaryJson("cart:3", 1));

    assertThatThrownBy(() -> workloads.promote(CART, analysed))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("Refusing to promote Deployment shop/cart")
        .hasMessageContaining("not the analysed revision " + analysed);
    assertThat(api.get(PRIMARY).at("/spec/template/spec/containers/0/image").asText()).isEqualTo("cart:1");
  }

  @Test
  void aPromotionThatLosesARaceOnThePrimaryReadsAgainAndKeepsTheOtherWritersChange() {
    String revision = canaryRevision();
    api.beforeNextWrite(() -> api.put(PRIMARY, PRIMARY_JSON.replace("\"replicas\":4", "\"replicas\":6")));

    workloads.promote(CART, revision);

    ObjectNode primary = api.get(PRIMARY);
    assertThat(primary.at("/spec/replicas").asInt()).isEqualTo(6);
    assertThat(primary.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("cart:2");
  }

  @Test
  void aMissingPrimaryIsAPermanentErrorThatNamesIt() {
    String revision = canaryRevision();
    Target other = new Target("shop", "cart", "cart-stable", null);

    assertThatThrownBy(() -> workloads.promote(other, revision))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageStartingWith("The primary Deployment shop/cart-stable of canary shop/cart does not exist");
  }

  @Test
  void aServerErrorIsTransient() {
    api.enqueue(ApiResponses.status(503, "ServiceUnavailable", "etcd is unavailable", null));

    assertThatThrownBy(() -> workloads.rollBack(CART, "rev")).isInstanceOf(TransientAdapterException.class);
  }

  @Test
  void rollBackAndFinaliseScaleTheCanaryToZeroOnceAndLeaveItThere() {
    workloads.rollBack(CART, "rev");
    assertThat(api.get(CANARY).at("/spec/replicas").asInt()).isZero();
    String version = api.get(CANARY).at("/metadata/resourceVersion").asText();

    workloads.rollBack(CART, "rev");
    workloads.finalise(CART, "rev");

    assertThat(api.get(CANARY).at("/metadata/resourceVersion").asText()).as("no further writes").isEqualTo(version);
    assertThat(api.get(CANARY).at("/spec/template/spec/containers/0/image").asText()).isEqualTo("cart:2");
  }

  @Test
  void finalisingScalesTheCanaryDownAfterAPromotion() {
    workloads.promote(CART, canaryRevision());

    workloads.finalise(CART, canaryRevision());

    assertThat(api.get(CANARY).at("/spec/replicas").asInt()).isZero();
    assertThat(api.get(PRIMARY).at("/spec/replicas").asInt()).isEqualTo(4);
  }

  @Test
  void scalingDownACanaryThatWasDeletedIsDone() {
    Target gone = new Target("shop", "gone", "cart-primary", "gone");

    workloads.finalise(gone, "rev");
    workloads.rollBack(gone, "rev");

    assertThat(api.get(DEPLOYMENTS + "gone")).isNull();
  }

  @Test
  void aCanaryAtZeroIsScaledUpToThePrimarysReplicasForTheNextAnalysis() {
    api.put(CANARY, canaryJson("cart:3", 0));

    workloads.prepare(CART, "rev-2");
    assertThat(api.get(CANARY).at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(workloads.scaleUpCanary(CART)).as("already running").isFalse();
    workloads.prepare(CART, "rev-2");
    assertThat(api.get(CANARY).at("/spec/replicas").asInt()).as("idempotent").isEqualTo(4);
  }

  @Test
  void thePrimaryTellsTheRevisionLastPromotedToIt() {
    assertThat(workloads.promotedRevision(CART)).isEmpty();
    String revision = canaryRevision();

    workloads.promote(CART, revision);

    assertThat(workloads.promotedRevision(CART)).contains(revision);
  }
}
