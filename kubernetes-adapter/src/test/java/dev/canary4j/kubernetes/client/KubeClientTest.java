package dev.canary4j.kubernetes.client;

import static dev.canary4j.kubernetes.testing.ApiResponses.ok;
import static dev.canary4j.kubernetes.testing.ApiResponses.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary4j.kubernetes.testing.ApiResponses;
import dev.canary4j.kubernetes.testing.MutableClock;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class KubeClientTest {

  private static final KubeResource VS = new KubeResource("networking.istio.io", "v1", "virtualservices", "VirtualService");
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();

  private KubeClient client() {
    KubeConfig config = KubeConfig.builder(server.url("/").toString()).token("abc").build();
    return KubeClient.builder(config).sleeper(sleeps::add).build();
  }

  private static ObjectNode object(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  @Test
  void getsAnObjectWithTheBearerTokenAndKeepsFieldsItDoesNotKnow() throws Exception {
    server.enqueue(ok("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"resourceVersion\":\"7\","
        + "\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Apply\"}]},\"data\":{\"a\":\"1\"}}"));

    ObjectNode cm = client().get(KubeResource.CONFIG_MAPS, "ns", "c");

    assertThat(cm.at("/metadata/managedFields/0/manager").asText()).isEqualTo("kubectl");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getRequestLine()).isEqualTo("GET /api/v1/namespaces/ns/configmaps/c HTTP/1.1");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer abc");
  }

  @Test
  void keepsAPathPrefixOfTheServerUrl() throws Exception {
    server.enqueue(ok("{}"));
    KubeConfig config = KubeConfig.builder(server.url("/k8s/clusters/c-42/").toString()).build();

    KubeClient.create(config).get(KubeResource.LEASES, "ops", "l");

    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/k8s/clusters/c-42/apis/coordination.k8s.io/v1/namespaces/ops/leases/l");
  }

  @Test
  void findAnswersEmptyForAMissingObject() {
    server.enqueue(ApiResponses.notFound("", "configmaps", "c"));

    assertThat(client().find(KubeResource.CONFIG_MAPS, "ns", "c")).isEmpty();
  }

  @Test
  void serverSideApplySendsYamlWithFieldManagerAndExplicitForce() throws Exception {
    server.enqueue(ok("{\"kind\":\"VirtualService\"}"));

    client().apply(VS, "ns", "vs", object("{\"apiVersion\":\"networking.istio.io/v1\",\"kind\":\"VirtualService\","
        + "\"metadata\":{\"name\":\"vs\"},\"spec\":{\"hosts\":[\"a\"]}}"), "canary4j", false);

    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/apis/networking.istio.io/v1/namespaces/ns/virtualservices/vs");
    assertThat(r.getUrl().queryParameter("fieldManager")).isEqualTo("canary4j");
    assertThat(r.getUrl().queryParameter("force")).isEqualTo("false");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(new YAMLMapper().readTree(r.getBody().utf8()).at("/spec/hosts/0").asText()).isEqualTo("a");
    assertThat(r.getBody().utf8()).doesNotStartWith("{");
  }

  @Test
  void mergePatchUsesTheMergePatchContentType() throws Exception {
    server.enqueue(ok("{}"));

    client().mergePatch(KubeResource.DEPLOYMENTS, "ns", "d", object("{\"metadata\":{\"annotations\":{\"x\":\"y\"}}}"));

    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/merge-patch+json");
    assertThat(r.getBody().utf8()).isEqualTo("{\"metadata\":{\"annotations\":{\"x\":\"y\"}}}");
  }

  @Test
  void putAndPostSendJson() throws Exception {
    server.enqueue(ok("{}"));
    server.enqueue(ok("{}"));

    client().replace(KubeResource.CONFIG_MAPS, "ns", "c", object("{\"metadata\":{\"resourceVersion\":\"3\"}}"));
    client().create(KubeResource.CONFIG_MAPS, "ns", object("{\"metadata\":{\"name\":\"c\"}}"));

    RecordedRequest put = server.takeRequest();
    assertThat(put.getRequestLine()).startsWith("PUT /api/v1/namespaces/ns/configmaps/c ");
    assertThat(put.getBody().utf8()).contains("\"resourceVersion\":\"3\"");
    assertThat(server.takeRequest().getRequestLine()).startsWith("POST /api/v1/namespaces/ns/configmaps ");
  }

  @Test
  void applyConflictNamesTheOtherManagersAndFields() {
    server.enqueue(status(409, "Conflict",
        "Apply failed with 2 conflicts: conflict with \"kubectl-client-side-apply\" using networking.istio.io/v1: .spec.http\n"
            + "conflict with \"helm\" using networking.istio.io/v1beta1: .spec.gateways",
        "{\"causes\":[{\"reason\":\"FieldManagerConflict\",\"message\":\"conflict with \\\"kubectl-client-side-apply\\\" "
            + "using networking.istio.io/v1\",\"field\":\".spec.http\"},{\"reason\":\"FieldManagerConflict\","
            + "\"message\":\"conflict with \\\"helm\\\" using networking.istio.io/v1beta1: .spec.gateways\"}]}"));

    assertThatThrownBy(() -> client().apply(VS, "ns", "vs", JSON.createObjectNode(), "canary4j", false))
        .isInstanceOfSatisfying(KubeConflictException.class, e -> {
          assertThat(e.fieldConflicts()).containsExactly(
              new FieldConflict("kubectl-client-side-apply", "networking.istio.io/v1", ".spec.http"),
              new FieldConflict("helm", "networking.istio.io/v1beta1", ".spec.gateways"));
          assertThat(e.managers()).containsExactly("kubectl-client-side-apply", "helm");
          assertThat(e.isTransient()).isFalse();
          assertThat(e.alreadyExists()).isFalse();
        });
  }

  @Test
  void createOfAnExistingObjectIsAnAlreadyExistsConflict() {
    server.enqueue(status(409, "AlreadyExists", "configmaps \"c\" already exists", "{\"name\":\"c\",\"kind\":\"configmaps\"}"));

    assertThatThrownBy(() -> client().create(KubeResource.CONFIG_MAPS, "ns", JSON.createObjectNode()))
        .isInstanceOfSatisfying(KubeConflictException.class, e -> assertThat(e.alreadyExists()).isTrue());
  }

  @Test
  void invalidObjectsCarryEveryCause() {
    server.enqueue(status(422, "Invalid", "VirtualService.networking.istio.io \"vs\" is invalid",
        "{\"name\":\"vs\",\"kind\":\"VirtualService\",\"causes\":[{\"reason\":\"FieldValueInvalid\","
            + "\"message\":\"Invalid value: 120: must be <= 100\",\"field\":\"spec.http[0].route[0].weight\"},"
            + "{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"spec.hosts\"}]}"));

    assertThatThrownBy(() -> client().replace(VS, "ns", "vs", JSON.createObjectNode()))
        .isInstanceOfSatisfying(KubeInvalidException.class, e -> {
          assertThat(e.status().causes()).extracting(StatusCause::field)
              .containsExactly("spec.http[0].route[0].weight", "spec.hosts");
          assertThat(e).hasMessageContaining("must be <= 100").hasMessageContaining("PUT /apis/networking.istio.io/v1");
        })
        .isInstanceOf(PermanentAdapterException.class);
  }

  @Test
  void unauthorizedAndForbiddenArePermanent() {
    server.enqueue(status(401, "Unauthorized", "Unauthorized", null));
    server.enqueue(status(403, "Forbidden", "configmaps \"c\" is forbidden: User \"system:serviceaccount:ns:sa\" "
        + "cannot get resource \"configmaps\" in API group \"\" in the namespace \"ns\"", "{\"name\":\"c\",\"kind\":\"configmaps\"}"));
    KubeClient client = client();

    assertThatThrownBy(() -> client.get(KubeResource.CONFIG_MAPS, "ns", "c")).isInstanceOf(KubeUnauthorizedException.class);
    assertThatThrownBy(() -> client.get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOf(KubeForbiddenException.class).hasMessageContaining("cannot get resource");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheServersRetryAfter() {
    server.enqueue(new MockResponse.Builder(status(429, "TooManyRequests", "Too many requests, please try again later.",
        "{\"retryAfterSeconds\":1}")).setHeader("Retry-After", "7").build());
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));

    ObjectNode cm = client().get(KubeResource.CONFIG_MAPS, "ns", "c");

    assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aRetryAfterBeyondTheRetryBudgetFailsAtOnceAsTransientKeepingTheRetryAfter() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder(status(429, "TooManyRequests", "Too many requests, please try again later.",
          null)).setHeader("Retry-After", "60").build());
    }

    assertThatThrownBy(() -> client().get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOfSatisfying(KubeTransientException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));
    assertThat(sleeps).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void backoffWaitsStopWhereTheNextWouldUseUpTheRetryBudget() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(status(503, "ServiceUnavailable", "the server is currently unable to handle the request", null));
    }
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    KubeClient client = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build())
        .maxAttempts(5).backoff(Duration.ofSeconds(3)).retryBudget(Duration.ofSeconds(8)).clock(clock)
        .sleeper(d -> {
          sleeps.add(d);
          clock.advance(d);
        }).build();

    assertThatThrownBy(() -> client.get(KubeResource.CONFIG_MAPS, "ns", "c")).isInstanceOf(KubeTransientException.class);
    assertThat(sleeps).as("3 s waited, 6 s more would pass the 8 s budget").containsExactly(Duration.ofSeconds(3));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anAttemptGetsNoMoreTimeThanIsLeftOfTheRetryBudget() {
    server.enqueue(new MockResponse.Builder().headersDelay(5, java.util.concurrent.TimeUnit.SECONDS).body("{}").build());
    KubeConfig config = KubeConfig.builder(server.url("/").toString()).requestTimeout(Duration.ofSeconds(30)).build();
    KubeClient client = KubeClient.builder(config).maxAttempts(1).retryBudget(Duration.ofMillis(100)).build();

    assertThatThrownBy(() -> client.get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOf(KubeTransientException.class).hasMessageContaining("timed out");
  }

  @Test
  void rejectsARetryBudgetThatIsNotPositive() {
    assertThatThrownBy(() -> KubeClient.builder(KubeConfig.builder("https://k8s:6443").build()).retryBudget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retryBudget must be positive, but was PT0S");
  }

  @Test
  void serverErrorsAreRetriedABoundedNumberOfTimesThenThrownAsTransient() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(500, "InternalError", "Internal error occurred: etcdserver: request timed out", null));
    }

    assertThatThrownBy(() -> client().get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOf(TransientAdapterException.class).hasMessageContaining("etcdserver");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void anInterruptedCallIsTransientAndNotRetried() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(500, "InternalError", "Internal error occurred", null));
    }
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client().get(KubeResource.CONFIG_MAPS, "ns", "c"))
          .isInstanceOf(TransientAdapterException.class).hasMessageContaining("GET /api/v1/namespaces/ns/configmaps/c");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(server.getRequestCount()).isLessThanOrEqualTo(1);
      assertThat(sleeps).isEmpty();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void requestTimeoutIsTransientAndRetried() {
    server.enqueue(status(408, "Timeout", "request did not complete within the allotted timeout", null));
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));
    server.enqueue(status(408, "Timeout", "request did not complete within the allotted timeout", null));

    assertThat(client().get(KubeResource.CONFIG_MAPS, "ns", "c").path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(sleeps).containsExactly(Duration.ofMillis(200));
    KubeClient once = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build()).maxAttempts(1).build();
    assertThatThrownBy(() -> once.get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOfSatisfying(KubeTransientException.class, e -> assertThat(e.status().code()).isEqualTo(408))
        .isInstanceOf(TransientAdapterException.class);
  }

  @Test
  void createIsNotRetriedOnServerErrorsBecauseItMayHaveHappened() {
    server.enqueue(status(503, "ServiceUnavailable", "the server is currently unable to handle the request", null));

    assertThatThrownBy(() -> client().create(KubeResource.CONFIG_MAPS, "ns", JSON.createObjectNode()))
        .isInstanceOf(KubeTransientException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDroppedConnectionIsTransient() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    }

    assertThatThrownBy(() -> client().get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOfSatisfying(KubeTransientException.class, e -> assertThat(e.status().code()).isZero())
        .hasMessageContaining("GET /api/v1/namespaces/ns/configmaps/c");
  }

  @Test
  void aTimeoutIsTransient() {
    server.enqueue(new MockResponse.Builder().headersDelay(5, java.util.concurrent.TimeUnit.SECONDS).body("{}").build());
    KubeConfig config = KubeConfig.builder(server.url("/").toString()).requestTimeout(Duration.ofMillis(100)).build();

    assertThatThrownBy(() -> KubeClient.builder(config).maxAttempts(1).build().get(KubeResource.CONFIG_MAPS, "ns", "c"))
        .isInstanceOf(KubeTransientException.class).hasMessageContaining("timed out");
  }

  @Test
  void aBodyThatIsNotAStatusBecomesTheMessage() {
    server.enqueue(ApiResponses.pageNotFound());

    assertThatThrownBy(() -> client().get(VS.withVersion("v1alpha9"), "ns", "vs"))
        .isInstanceOfSatisfying(KubeNotFoundException.class, e -> assertThat(e.status().message()).isEqualTo("404 page not found"));
  }

  @Test
  void discoveryTellsWhetherAGroupVersionIsServed() throws Exception {
    server.enqueue(ApiResponses.pageNotFound());
    server.enqueue(ok("{\"kind\":\"APIResourceList\",\"groupVersion\":\"networking.istio.io/v1beta1\"}"));

    assertThat(client().serves(VS)).isFalse();
    assertThat(client().serves(VS.withVersion("v1beta1"))).isTrue();
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/apis/networking.istio.io/v1");
  }
}
