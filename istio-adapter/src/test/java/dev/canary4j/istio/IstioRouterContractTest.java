package dev.canary4j.istio;

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

/** The router contract on an Istio VirtualService. */
class IstioRouterContractTest extends TrafficRouterContract {

  static final String PATH = "/apis/networking.istio.io/v1/namespaces/test/virtualservices/podinfo";

  @Override
  protected void install(FakeApiServer api) {
    api.put(PATH, """
        {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
         "metadata":{"name":"podinfo","namespace":"test","annotations":{"team":"payments"}},
         "spec":{"hosts":["podinfo.example.com"],"gateways":["public-gateway"],"futureField":{"x":1},
           "http":[
             {"name":"admin","match":[{"uri":{"prefix":"/admin"}}],"route":[{"destination":{"host":"admin"}}]},
             {"name":"main","match":[{"uri":{"prefix":"/"}}],"retries":{"attempts":3},"timeout":"10s","futureRouteField":[1,2],
              "route":[{"destination":{"host":"podinfo-primary.test.svc.cluster.local","port":{"number":9898}},
                        "headers":{"response":{"add":{"x-served-by":"primary"}}}}]}
           ]}}
        """);
  }

  @Override
  protected String routePath() {
    return PATH;
  }

  @Override
  protected TrafficRouter router(KubeClient client) {
    return new IstioTrafficRouter(client, IstioRouterConfig.custom().routeName("main").build());
  }

  @Override
  protected String managedField() {
    return ".spec.http";
  }

  @Override
  protected List<String> unmanagedFields() {
    return List.of("/metadata/annotations/team", "/spec/hosts", "/spec/gateways", "/spec/futureField", "/spec/http/0",
        "/spec/http/1/retries", "/spec/http/1/timeout", "/spec/http/1/futureRouteField", "/spec/http/1/route/0/headers",
        "/spec/http/1/route/0/destination/port");
  }

  private static ObjectNode main(ObjectNode vs) {
    for (JsonNode r : vs.at("/spec/http")) {
      if (r.path("name").asText().equals("main")) {
        return (ObjectNode) r;
      }
    }
    throw new AssertionError("no main route in " + vs);
  }

  @Override
  protected List<Integer> weights(ObjectNode vs) {
    int primary = 0;
    int canary = 0;
    JsonNode entries = main(vs).path("route");
    for (JsonNode entry : entries) {
      int weight = entry.has("weight") ? entry.path("weight").asInt() : entries.size() == 1 ? 100 : 0;
      if (host(entry).equals(TARGET.primary())) {
        primary = weight;
      } else if (host(entry).equals(TARGET.canary())) {
        canary = weight;
      }
    }
    return List.of(primary, canary);
  }

  @Override
  protected ObjectNode withWeights(ObjectNode vs, int primary, int canary) {
    ObjectNode copy = vs.deepCopy();
    for (JsonNode entry : main(copy).path("route")) {
      ((ObjectNode) entry).put("weight", host(entry).equals(TARGET.primary()) ? primary : canary);
    }
    return copy;
  }

  @Override
  protected int mirrored(ObjectNode vs) {
    ObjectNode main = main(vs);
    if (!main.has("mirror") || !main.path("mirror").path("host").asText().startsWith(TARGET.canary() + ".")) {
      return 0;
    }
    return main.has("mirrorPercentage") ? (int) main.at("/mirrorPercentage/value").asDouble() : 100;
  }

  @Override
  protected List<String> backendsFor(ObjectNode vs, Map<String, String> headers) {
    for (JsonNode route : vs.at("/spec/http")) {
      if (matches(route.path("match"), headers)) {
        List<String> backends = new ArrayList<>();
        JsonNode entries = route.path("route");
        for (JsonNode entry : entries) {
          if (entries.size() == 1 || entry.path("weight").asInt() > 0) {
            backends.add(host(entry));
          }
        }
        return backends;
      }
    }
    return List.of();
  }

  /** Whether a request to {@code /} with {@code headers} meets one of the match entries (or there are none). */
  private static boolean matches(JsonNode match, Map<String, String> headers) {
    if (match.isEmpty()) {
      return true;
    }
    for (JsonNode entry : match) {
      String prefix = entry.at("/uri/prefix").asText("/");
      boolean all = "/".startsWith(prefix);
      for (Map.Entry<String, JsonNode> h : entry.path("headers").properties()) {
        String value = headers.get(h.getKey().toLowerCase(Locale.ROOT));
        JsonNode c = h.getValue();
        all &= value != null && (c.has("exact") ? value.equals(c.path("exact").asText())
            : c.has("prefix") ? value.startsWith(c.path("prefix").asText()) : value.matches(c.path("regex").asText()));
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static String host(JsonNode entry) {
    return entry.at("/destination/host").asText().split("\\.")[0];
  }
}
