package dev.canary4j.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.ApiResponses;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.RequestMatch.MatchType;
import dev.canary4j.policy.RequestMatch.Source;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayApiTrafficRouterTest {

  static final String ROUTE_PATH = "/apis/gateway.networking.k8s.io/v1/namespaces/test/httproutes/podinfo";
  static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/httproutes.gateway.networking.k8s.io";
  static final Target TARGET = Target.of("test", "podinfo");

  /** An HTTPRoute as a user writes it: an admin rule, and the main rule to the primary. */
  static final String HTTP_ROUTE = """
      {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute",
       "metadata":{"name":"podinfo","namespace":"test","annotations":{"team":"payments"}},
       "spec":{"parentRefs":[{"name":"public","namespace":"gateways"}],"hostnames":["podinfo.example.com"],
         "rules":[
           {"matches":[{"path":{"type":"PathPrefix","value":"/admin"}}],"backendRefs":[{"name":"admin","port":80}]},
           {"matches":[{"path":{"type":"PathPrefix","value":"/"}}],"timeouts":{"request":"10s"},
            "backendRefs":[{"name":"podinfo-primary","port":9898,
              "filters":[{"type":"ResponseHeaderModifier","responseHeaderModifier":{"add":[{"name":"x-served-by","value":"primary"}]}}]}]}
         ]}}
      """;

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  KubeClient client;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    client = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build()).sleeper(d -> { }).build();
  }

  GatewayApiTrafficRouter router() {
    return new GatewayApiTrafficRouter(client, GatewayApiRouterConfig.ofDefaults());
  }

  /** The HTTPRoute CRD of Gateway API {@code release}, with or without the mirror's percentage fields. */
  static String crd(String release, String channel, boolean percent) {
    String mirrorFields = "\"backendRef\":{\"type\":\"object\"}" + (percent
        ? ",\"percent\":{\"type\":\"integer\"},\"fraction\":{\"type\":\"object\"}" : "");
    return """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"httproutes.gateway.networking.k8s.io",
           "annotations":{"gateway.networking.k8s.io/bundle-version":"%s","gateway.networking.k8s.io/channel":"%s"}},
         "spec":{"group":"gateway.networking.k8s.io","versions":[{"name":"v1","served":true,"storage":true,
           "schema":{"openAPIV3Schema":{"properties":{"spec":{"properties":{"rules":{"items":{"properties":{"filters":
             {"items":{"properties":{"requestMirror":{"properties":{%s}}}}}}}}}}}}}}]}}
        """.formatted(release, channel, mirrorFields);
  }

  static JsonNode mainRule(ObjectNode route) {
    List<JsonNode> rules = route.at("/spec/rules").findParents("backendRefs");
    return rules.get(rules.size() - 1);
  }

  @Test
  void observesAllTrafficOnAPrimaryWithoutWeight() {
    api.put(ROUTE_PATH, HTTP_ROUTE);

    assertThat(router().observe(TARGET)).isEqualTo(TrafficSplit.allPrimary());
  }

  @Test
  void readsWeightsAsProportionsNotPercentages() {
    api.put(ROUTE_PATH, HTTP_ROUTE.replace("\"port\":9898,", "\"port\":9898,\"weight\":9,")
        .replace("\"backendRefs\":[{\"name\":\"podinfo-primary\"",
            "\"backendRefs\":[{\"name\":\"podinfo\",\"port\":9898,\"weight\":1},{\"name\":\"podinfo-primary\""));

    assertThat(router().observe(TARGET)).isEqualTo(TrafficSplit.canary(10));
  }

  @Test
  void addsTheCanaryLikeThePrimaryWithoutThePrimarysFilters() {
    api.put(ROUTE_PATH, HTTP_ROUTE);

    router().apply(TARGET, TrafficSplit.canary(30));

    JsonNode refs = api.get(ROUTE_PATH).at("/spec/rules/1/backendRefs");
    assertThat(refs).hasSize(2);
    assertThat(refs.at("/0/name").asText()).isEqualTo("podinfo-primary");
    assertThat(refs.at("/0/weight").asInt()).isEqualTo(70);
    assertThat(refs.at("/0/filters/0/type").asText()).isEqualTo("ResponseHeaderModifier");
    assertThat(refs.at("/1/name").asText()).isEqualTo("podinfo");
    assertThat(refs.at("/1/port").asInt()).isEqualTo(9898);
    assertThat(refs.at("/1/weight").asInt()).isEqualTo(30);
    assertThat(refs.get(1).has("filters")).isFalse();
  }

  @Test
  void mirrorsAPercentageWhereTheInstalledHttpRouteHasThePercentField() {
    api.put(ROUTE_PATH, HTTP_ROUTE);
    api.put(CRD_PATH, crd("v1.3.0", "standard", true));

    router().apply(TARGET, TrafficSplit.canary(10).withMirror(30));

    JsonNode filter = api.get(ROUTE_PATH).at("/spec/rules/1/filters/0");
    assertThat(filter.path("type").asText()).isEqualTo("RequestMirror");
    assertThat(filter.at("/requestMirror/backendRef/name").asText()).isEqualTo("podinfo");
    assertThat(filter.at("/requestMirror/backendRef/port").asInt()).isEqualTo(9898);
    assertThat(filter.at("/requestMirror/backendRef").has("weight")).isFalse();
    assertThat(filter.at("/requestMirror/percent").asInt()).isEqualTo(30);
    assertThat(router().observe(TARGET)).isEqualTo(TrafficSplit.canary(10).withMirror(30));
  }

  @Test
  void refusesAMirrorPercentageWhereTheInstalledHttpRouteWouldDropItAndWritesNothing() {
    ObjectNode before = api.put(ROUTE_PATH, HTTP_ROUTE);
    api.put(CRD_PATH, crd("v1.1.0", "standard", false));

    assertThatThrownBy(() -> router().apply(TARGET, TrafficSplit.canary(10).withMirror(30)))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("Cannot mirror 30% of the requests of HTTPRoute test/podinfo")
        .hasMessageContaining("v1.1.0, standard channel")
        .hasMessageContaining("percent")
        .hasMessageContaining("mirror 0% or 100%");
    assertThat(api.get(ROUTE_PATH)).isEqualTo(before);
  }

  @Test
  void mirrorsEveryRequestWithoutAPercentageAndWithoutReadingTheCrd() {
    api.put(ROUTE_PATH, HTTP_ROUTE);

    router().apply(TARGET, TrafficSplit.canary(10).withMirror(100));

    JsonNode mirror = api.get(ROUTE_PATH).at("/spec/rules/1/filters/0/requestMirror");
    assertThat(mirror.at("/backendRef/name").asText()).isEqualTo("podinfo");
    assertThat(mirror.has("percent")).isFalse();
    assertThat(router().observe(TARGET).mirror()).isEqualTo(100);
  }

  @Test
  void aConfiguredSupportSkipsTheCrd() {
    api.put(ROUTE_PATH, HTTP_ROUTE);
    GatewayApiRouterConfig supported = GatewayApiRouterConfig.custom().mirrorPercent(MirrorPercent.SUPPORTED).build();
    GatewayApiRouterConfig unsupported = GatewayApiRouterConfig.custom().mirrorPercent(MirrorPercent.UNSUPPORTED).build();

    new GatewayApiTrafficRouter(client, supported).apply(TARGET, TrafficSplit.canary(10).withMirror(5));

    assertThat(api.get(ROUTE_PATH).at("/spec/rules/1/filters/0/requestMirror/percent").asInt()).isEqualTo(5);
    assertThatThrownBy(() -> new GatewayApiTrafficRouter(client, unsupported).apply(TARGET, TrafficSplit.canary(10).withMirror(6)))
        .hasMessageContaining("configured with MirrorPercent.UNSUPPORTED");
  }

  @Test
  void aForbiddenCrdReadSaysWhichPermissionOrSettingIsMissing() {
    api.put(ROUTE_PATH, HTTP_ROUTE);
    GatewayApiTrafficRouter router = router();
    router.observe(TARGET);
    api.enqueue(ApiResponses.status(403, "Forbidden", "customresourcedefinitions.apiextensions.k8s.io "
        + "\"httproutes.gateway.networking.k8s.io\" is forbidden", null));

    assertThatThrownBy(() -> router.apply(TARGET, TrafficSplit.canary(10).withMirror(30)))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("grant 'get' on customresourcedefinitions.apiextensions.k8s.io")
        .hasMessageContaining("mirrorPercent(SUPPORTED or UNSUPPORTED)");
  }

  @Test
  void readsAMirrorFractionAsAPercentage() {
    api.put(ROUTE_PATH, HTTP_ROUTE.replace("\"timeouts\"", "\"filters\":[{\"type\":\"RequestMirror\",\"requestMirror\":"
        + "{\"backendRef\":{\"name\":\"podinfo\",\"port\":9898},\"fraction\":{\"numerator\":1,\"denominator\":4}}}],\"timeouts\""));

    assertThat(router().observe(TARGET).mirror()).isEqualTo(25);
  }

  @Test
  void keepsAMirrorToAnotherBackendWhenItMirrorsAndStopsMirroring() {
    api.put(ROUTE_PATH, HTTP_ROUTE.replace("\"timeouts\"", "\"filters\":[{\"type\":\"RequestMirror\",\"requestMirror\":"
        + "{\"backendRef\":{\"name\":\"audit\",\"port\":80}}}],\"timeouts\""));
    GatewayApiTrafficRouter router = router();

    router.apply(TARGET, TrafficSplit.canary(10).withMirror(100));
    JsonNode mirroring = api.get(ROUTE_PATH).at("/spec/rules/1/filters");
    router.apply(TARGET, TrafficSplit.canary(10));

    assertThat(mirroring).extracting(f -> f.at("/requestMirror/backendRef/name").asText()).containsExactly("audit", "podinfo");
    assertThat(api.get(ROUTE_PATH).at("/spec/rules/1/filters")).extracting(f -> f.at("/requestMirror/backendRef/name").asText())
        .containsExactly("audit");
  }

  @Test
  void translatesPrefixAndCookieMatchesToRegularExpressionsAndBack() {
    api.put(ROUTE_PATH, HTTP_ROUTE);
    List<RequestMatch> matches = List.of(new RequestMatch(Source.HEADER, "x-version", MatchType.PREFIX, "2.1"),
        RequestMatch.cookieExact("canary", "always"), RequestMatch.headerExact("x-user", "beta"));

    router().apply(TARGET, TrafficSplit.allPrimary().withMatches(matches));

    JsonNode ab = api.get(ROUTE_PATH).at("/spec/rules/1");
    assertThat(ab.at("/matches/0/headers/0/value").asText()).isEqualTo("^2\\.1.*");
    assertThat(ab.at("/matches/0/headers/0/type").asText()).isEqualTo("RegularExpression");
    assertThat(ab.at("/matches/1/headers/0/name").asText()).isEqualTo("cookie");
    Pattern cookie = Pattern.compile(ab.at("/matches/1/headers/0/value").asText());
    assertThat(cookie.matcher("session=1; canary=always; theme=dark").matches()).isTrue();
    assertThat(cookie.matcher("canary=always").matches()).isTrue();
    assertThat(cookie.matcher("notcanary=always").matches()).isFalse();
    assertThat(cookie.matcher("canary=alwaysnot").matches()).isFalse();
    assertThat(ab.at("/matches/2/headers/0")).isEqualTo(new YAMLMapper().createObjectNode()
        .put("type", "Exact").put("name", "x-user").put("value", "beta"));
    assertThat(router().observe(TARGET).matches()).containsExactlyElementsOf(matches);
  }

  @Test
  void namesTheAbRuleAfterTheManagedRuleWhenRulesHaveNames() {
    api.put(ROUTE_PATH, HTTP_ROUTE.replace("{\"matches\":[{\"path\":{\"type\":\"PathPrefix\",\"value\":\"/\"}}]",
        "{\"name\":\"main\",\"matches\":[{\"path\":{\"type\":\"PathPrefix\",\"value\":\"/\"}}]"));
    GatewayApiTrafficRouter router = new GatewayApiTrafficRouter(client, GatewayApiRouterConfig.custom().ruleName("main").build());

    router.apply(TARGET, TrafficSplit.allPrimary().withMatches(List.of(RequestMatch.headerExact("x-user", "beta"))));

    assertThat(api.get(ROUTE_PATH).at("/spec/rules")).extracting(r -> r.path("name").asText())
        .containsExactly("", "main-canary4j-ab", "main");
    assertThat(router.observe(TARGET).matches()).containsExactly(RequestMatch.headerExact("x-user", "beta"));
  }

  @Test
  void anotherBackendWithTrafficIsNamedByObserveAndApply() {
    api.put(ROUTE_PATH, HTTP_ROUTE.replace("\"backendRefs\":[{\"name\":\"podinfo-primary\"",
        "\"backendRefs\":[{\"name\":\"legacy\",\"port\":80},{\"name\":\"podinfo-primary\""));

    for (Runnable call : List.<Runnable>of(() -> router().observe(TARGET), () -> router().apply(TARGET, TrafficSplit.canary(5)))) {
      assertThatThrownBy(call::run).isInstanceOf(PermanentAdapterException.class)
          .hasMessageContaining("rule 1 of HTTPRoute test/podinfo sends traffic to {\"name\":\"legacy\",\"port\":80}")
          .hasMessageContaining("neither the primary (Service podinfo-primary) nor the canary (Service podinfo)");
    }
  }

  @Test
  void aRouteWithoutARuleToThePrimaryListsItsRules() {
    api.put(ROUTE_PATH, HTTP_ROUTE.replace("podinfo-primary", "elsewhere"));

    assertThatThrownBy(() -> router().observe(TARGET)).isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("HTTPRoute test/podinfo has 0 rules routing to the primary (Service podinfo-primary)")
        .hasMessageContaining("ruleName");
  }

  @Test
  void fallsBackToV1beta1WhenTheClusterDoesNotServeV1() throws Exception {
    api.unserve("/apis/gateway.networking.k8s.io/v1");
    api.put(ROUTE_PATH.replace("/v1/", "/v1beta1/"), HTTP_ROUTE.replace("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1"));

    router().apply(TARGET, TrafficSplit.canary(20));

    assertThat(api.get(ROUTE_PATH.replace("/v1/", "/v1beta1/")).at("/spec/rules/1/backendRefs/1/weight").asInt()).isEqualTo(20);
    RecordedRequest patch = null;
    for (int i = 0; i < server.getRequestCount(); i++) {
      RecordedRequest r = server.takeRequest();
      if (r.getMethod().equals("PATCH")) {
        patch = r;
      }
    }
    JsonNode body = new YAMLMapper().readTree(patch.getBody().utf8());
    assertThat(body.path("apiVersion").asText()).isEqualTo("gateway.networking.k8s.io/v1beta1");
    assertThat(body.path("spec").properties()).extracting(Map.Entry::getKey).containsExactly("rules");
    assertThat(patch.getUrl().queryParameter("fieldManager")).isEqualTo("canary4j");
  }
}
