package dev.canary4j.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.WriteStrategy;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.Target;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubsetRoutingTest {

  static final String VS_PATH = "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/cart";
  static final String DR_PATH = "/apis/networking.istio.io/v1/namespaces/shop/destinationrules/cart";
  static final Target TARGET = Target.of("shop", "cart");

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  IstioTrafficRouter router;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    KubeClient client = KubeClient.create(KubeConfig.builder(server.url("/").toString()).build());
    router = new IstioTrafficRouter(client, IstioRouterConfig.custom()
        .subsets("cart", "stable", "next")
        .ensureDestinationRule(null, Map.of("version", "v1"), Map.of("version", "v2"))
        .writeStrategy(WriteStrategy.READ_MODIFY_WRITE)
        .build());
    api.put(VS_PATH, """
        {"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"cart","namespace":"shop"},
         "spec":{"hosts":["cart"],"http":[{"route":[{"destination":{"host":"cart","subset":"stable"}}]}]}}
        """);
  }

  @Test
  void routesBySubsetAndCreatesTheDestinationRuleWhenMissing() {
    router.apply(TARGET, TrafficSplit.canary(25));

    JsonNode route = api.get(VS_PATH).at("/spec/http/0/route");
    assertThat(route.at("/0/destination/subset").asText()).isEqualTo("stable");
    assertThat(route.at("/0/weight").asInt()).isEqualTo(75);
    assertThat(route.at("/1/destination/host").asText()).isEqualTo("cart");
    assertThat(route.at("/1/destination/subset").asText()).isEqualTo("next");
    assertThat(route.at("/1/weight").asInt()).isEqualTo(25);
    ObjectNode rule = api.get(DR_PATH);
    assertThat(rule.at("/spec/host").asText()).isEqualTo("cart");
    assertThat(rule.at("/spec/subsets/0/name").asText()).isEqualTo("stable");
    assertThat(rule.at("/spec/subsets/0/labels/version").asText()).isEqualTo("v1");
    assertThat(rule.at("/spec/subsets/1/name").asText()).isEqualTo("next");
    assertThat(rule.at("/spec/subsets/1/labels/version").asText()).isEqualTo("v2");
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.canary(25));
  }

  @Test
  void onAClusterWithoutV1TheDestinationRuleIsCreatedAsV1beta1Too() {
    api.unserve("/apis/networking.istio.io/v1");
    String beta = "/apis/networking.istio.io/v1beta1/namespaces/shop/";
    api.put(beta + "virtualservices/cart", api.get(VS_PATH).toString()
        .replace("networking.istio.io/v1\"", "networking.istio.io/v1beta1\""));

    router.apply(TARGET, TrafficSplit.canary(25));

    ObjectNode rule = api.get(beta + "destinationrules/cart");
    assertThat(rule).isNotNull();
    assertThat(rule.path("apiVersion").asText()).isEqualTo("networking.istio.io/v1beta1");
    assertThat(rule.at("/spec/subsets/1/name").asText()).isEqualTo("next");
    assertThat(api.get(beta + "virtualservices/cart").at("/spec/http/0/route/1/weight").asInt()).isEqualTo(25);
  }

  @Test
  void addsMissingSubsetsAndKeepsTheRestOfAnExistingDestinationRule() {
    api.put(DR_PATH, """
        {"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"cart","namespace":"shop"},
         "spec":{"host":"cart","trafficPolicy":{"tls":{"mode":"ISTIO_MUTUAL"}},
           "subsets":[{"name":"legacy","labels":{"version":"v0"}},{"name":"stable","labels":{"version":"old"},
             "trafficPolicy":{"loadBalancer":{"simple":"ROUND_ROBIN"}}}]}}
        """);

    router.apply(TARGET, TrafficSplit.canary(5));

    ObjectNode rule = api.get(DR_PATH);
    assertThat(rule.at("/spec/trafficPolicy/tls/mode").asText()).isEqualTo("ISTIO_MUTUAL");
    assertThat(rule.at("/spec/subsets")).hasSize(3);
    assertThat(rule.at("/spec/subsets/0/name").asText()).isEqualTo("legacy");
    assertThat(rule.at("/spec/subsets/1/labels/version").asText()).isEqualTo("v1");
    assertThat(rule.at("/spec/subsets/1/trafficPolicy/loadBalancer/simple").asText()).isEqualTo("ROUND_ROBIN");
    assertThat(rule.at("/spec/subsets/2/name").asText()).isEqualTo("next");
  }

  @Test
  void withTheOnlyRouteTheAbRouteGoesFirstAndIsFoundAgain() {
    List<RequestMatch> matches = List.of(RequestMatch.cookieExact("canary", "yes"));

    router.apply(TARGET, TrafficSplit.allPrimary().withMatches(matches));

    JsonNode http = api.get(VS_PATH).at("/spec/http");
    assertThat(http).hasSize(2);
    assertThat(http.at("/0/name").asText()).isEqualTo("canary4j-ab");
    assertThat(http.at("/0/route/0/destination/subset").asText()).isEqualTo("next");
    assertThat(http.at("/0/match/0/headers/cookie/regex").asText()).isEqualTo("^(.*?;\\s*)?(canary=yes)(;.*)?$");
    assertThat(http.at("/1").has("name")).isFalse();
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.allPrimary().withMatches(matches));

    router.apply(TARGET, TrafficSplit.canary(100));

    assertThat(api.get(VS_PATH).at("/spec/http")).hasSize(1);
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.canary(100));
  }

  @Test
  void serverSideApplyCreatesTheDestinationRuleAsTheFieldManager() {
    KubeClient client = KubeClient.create(KubeConfig.builder(server.url("/").toString()).build());
    IstioTrafficRouter ssa = new IstioTrafficRouter(client, IstioRouterConfig.custom()
        .subsets("cart", "stable", "next")
        .ensureDestinationRule("cart-subsets", Map.of("version", "v1"), Map.of("version", "v2"))
        .build());

    ssa.apply(TARGET, TrafficSplit.canary(10));

    ObjectNode rule = api.get("/apis/networking.istio.io/v1/namespaces/shop/destinationrules/cart-subsets");
    assertThat(rule.at("/spec/host").asText()).isEqualTo("cart");
    assertThat(rule.at("/spec/subsets")).hasSize(2);
    assertThat(rule.at("/metadata/managedFields/0/manager").asText()).isEqualTo("canary4j");
    assertThat(rule.at("/metadata/managedFields/0/operation").asText()).isEqualTo("Apply");
    assertThat(api.get(VS_PATH).at("/metadata/managedFields/0/manager").asText()).isEqualTo("canary4j");
  }
}
