package dev.canary4j.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.kubernetes.testing.TrafficRouterContract;
import dev.canary4j.spi.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The router contract on a Gateway API HTTPRoute, on a cluster with Gateway API v1.3 (mirror percentages). */
class GatewayApiRouterContractTest extends TrafficRouterContract {

  static final String PATH = GatewayApiTrafficRouterTest.ROUTE_PATH;

  @Override
  protected void install(FakeApiServer api) {
    api.put(GatewayApiTrafficRouterTest.CRD_PATH, GatewayApiTrafficRouterTest.crd("v1.3.0", "standard", true));
    api.put(PATH, """
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute",
         "metadata":{"name":"podinfo","namespace":"test","annotations":{"team":"payments"}},
         "spec":{"parentRefs":[{"name":"public","namespace":"gateways"}],"hostnames":["podinfo.example.com"],"futureField":{"x":1},
           "rules":[
             {"matches":[{"path":{"type":"PathPrefix","value":"/admin"}}],"backendRefs":[{"name":"admin","port":80}]},
             {"matches":[{"path":{"type":"PathPrefix","value":"/"}}],"timeouts":{"request":"10s"},"futureRuleField":[1,2],
              "filters":[{"type":"RequestHeaderModifier","requestHeaderModifier":{"set":[{"name":"x-env","value":"prod"}]}}],
              "backendRefs":[{"name":"podinfo-primary","port":9898,
                "filters":[{"type":"ResponseHeaderModifier","responseHeaderModifier":{"add":[{"name":"x-served-by","value":"primary"}]}}]}]}
           ]}}
        """);
  }

  @Override
  protected String routePath() {
    return PATH;
  }

  @Override
  protected TrafficRouter router(KubeClient client) {
    return new GatewayApiTrafficRouter(client, GatewayApiRouterConfig.ofDefaults());
  }

  @Override
  protected String managedField() {
    return ".spec.rules";
  }

  @Override
  protected List<String> unmanagedFields() {
    return List.of("/metadata/annotations/team", "/spec/parentRefs", "/spec/hostnames", "/spec/futureField", "/spec/rules/0",
        "/spec/rules/1/matches", "/spec/rules/1/timeouts", "/spec/rules/1/futureRuleField", "/spec/rules/1/filters",
        "/spec/rules/1/backendRefs/0/filters", "/spec/rules/1/backendRefs/0/port");
  }

  /** The last rule routing to the primary (the A/B rule, before it, routes to the canary only). */
  private static ObjectNode main(ObjectNode route) {
    ObjectNode main = null;
    for (JsonNode rule : route.at("/spec/rules")) {
      for (JsonNode ref : rule.path("backendRefs")) {
        if (ref.path("name").asText().equals(TARGET.primary())) {
          main = (ObjectNode) rule;
        }
      }
    }
    if (main == null) {
      throw new AssertionError("no rule to the primary in " + route);
    }
    return main;
  }

  @Override
  protected List<Integer> weights(ObjectNode route) {
    int primary = 0;
    int canary = 0;
    for (JsonNode ref : main(route).path("backendRefs")) {
      int weight = ref.path("weight").asInt(1);
      if (ref.path("name").asText().equals(TARGET.primary())) {
        primary = weight;
      } else if (ref.path("name").asText().equals(TARGET.canary())) {
        canary = weight;
      }
    }
    // Weights are proportions; the contract speaks of percentages.
    int sum = primary + canary;
    return List.of(primary * 100 / sum, canary * 100 / sum);
  }

  @Override
  protected ObjectNode withWeights(ObjectNode route, int primary, int canary) {
    ObjectNode copy = route.deepCopy();
    for (JsonNode ref : main(copy).path("backendRefs")) {
      ((ObjectNode) ref).put("weight", ref.path("name").asText().equals(TARGET.primary()) ? primary : canary);
    }
    return copy;
  }

  @Override
  protected int mirrored(ObjectNode route) {
    for (JsonNode filter : main(route).path("filters")) {
      JsonNode mirror = filter.path("requestMirror");
      if (filter.path("type").asText().equals("RequestMirror") && mirror.at("/backendRef/name").asText().equals(TARGET.canary())) {
        return mirror.path("percent").asInt(100);
      }
    }
    return 0;
  }

  @Override
  protected List<String> backendsFor(ObjectNode route, Map<String, String> headers) {
    for (JsonNode rule : route.at("/spec/rules")) {
      if (matches(rule.path("matches"), headers)) {
        List<String> backends = new ArrayList<>();
        for (JsonNode ref : rule.path("backendRefs")) {
          if (ref.path("weight").asInt(1) > 0) {
            backends.add(ref.path("name").asText());
          }
        }
        return backends;
      }
    }
    return List.of();
  }

  /** Whether a request to {@code /} with {@code headers} meets one of the match entries (or there are none). */
  private static boolean matches(JsonNode matches, Map<String, String> headers) {
    if (matches.isEmpty()) {
      return true;
    }
    for (JsonNode entry : matches) {
      JsonNode path = entry.path("path");
      boolean all = path.path("type").asText("PathPrefix").equals("PathPrefix")
          ? "/".startsWith(path.path("value").asText("/")) : "/".equals(path.path("value").asText());
      for (JsonNode h : entry.path("headers")) {
        String value = headers.get(h.path("name").asText().toLowerCase(Locale.ROOT));
        String expected = h.path("value").asText();
        all &= value != null && (h.path("type").asText("Exact").equals("Exact") ? value.equals(expected) : value.matches(expected));
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
