package dev.canary4j.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.ApplyConflictException;
import dev.canary4j.kubernetes.WriteStrategy;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.RequestMatch.MatchType;
import dev.canary4j.policy.RequestMatch.Source;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import dev.canary4j.spi.RouteChangedException;
import dev.canary4j.spi.RoutedSplit;
import org.junit.jupiter.api.Test;

class IstioTrafficRouterTest {

  static final String VS_PATH = "/apis/networking.istio.io/v1/namespaces/test/virtualservices/podinfo";
  static final Target TARGET = Target.of("test", "podinfo");

  /** A VirtualService as a user writes it, with what the API server adds. */
  static final String VIRTUAL_SERVICE = """
      {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
       "metadata":{"name":"podinfo","namespace":"test","uid":"8d1f","generation":3,
         "annotations":{"team":"payments"},
         "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"networking.istio.io/v1",
           "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:http":{}}}}]},
       "spec":{"hosts":["podinfo.example.com"],"gateways":["public-gateway"],"futureField":{"x":1},
         "http":[
           {"name":"admin","match":[{"uri":{"prefix":"/admin"}}],"route":[{"destination":{"host":"admin"}}]},
           {"name":"main","match":[{"uri":{"prefix":"/"}}],"retries":{"attempts":3,"perTryTimeout":"2s"},"timeout":"10s",
            "headers":{"request":{"set":{"x-env":"prod"}}},
            "route":[{"destination":{"host":"podinfo-primary.test.svc.cluster.local","port":{"number":9898}},
                      "headers":{"response":{"add":{"x-served-by":"primary"}}}}]}
         ]}}
      """;

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  KubeClient client;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    client = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build()).build();
  }

  IstioTrafficRouter router(IstioRouterConfig.Builder config) {
    return new IstioTrafficRouter(client, config.build());
  }

  IstioTrafficRouter rmw() {
    return router(IstioRouterConfig.custom().routeName("main").writeStrategy(WriteStrategy.READ_MODIFY_WRITE));
  }

  static JsonNode mainRoute(ObjectNode vs) {
    for (JsonNode r : vs.at("/spec/http")) {
      if (r.path("name").asText().equals("main")) {
        return r;
      }
    }
    throw new AssertionError("no main route in " + vs);
  }

  @Test
  void observesAllTrafficOnAPrimaryWithoutWeight() {
    api.put(VS_PATH, VIRTUAL_SERVICE);

    assertThat(rmw().observe(TARGET)).isEqualTo(TrafficSplit.allPrimary());
  }

  @Test
  void setsWeightsAndKeepsEverythingItDoesNotManage() {
    ObjectNode before = api.put(VS_PATH, VIRTUAL_SERVICE);

    rmw().apply(TARGET, TrafficSplit.canary(30));

    ObjectNode after = api.get(VS_PATH);
    JsonNode main = mainRoute(after);
    assertThat(main.at("/route/0/destination/host").asText()).isEqualTo("podinfo-primary.test.svc.cluster.local");
    assertThat(main.at("/route/0/weight").asInt()).isEqualTo(70);
    assertThat(main.at("/route/0/headers/response/add/x-served-by").asText()).isEqualTo("primary");
    assertThat(main.at("/route/1/destination/host").asText()).isEqualTo("podinfo.test.svc.cluster.local");
    assertThat(main.at("/route/1/destination/port/number").asInt()).isEqualTo(9898);
    assertThat(main.at("/route/1/weight").asInt()).isEqualTo(30);
    assertThat(main.path("retries")).isEqualTo(mainRoute(before).path("retries"));
    assertThat(main.path("timeout").asText()).isEqualTo("10s");
    assertThat(main.at("/headers/request/set/x-env").asText()).isEqualTo("prod");
    assertThat(after.at("/spec/http/0")).isEqualTo(before.at("/spec/http/0"));
    assertThat(after.at("/spec/futureField")).isEqualTo(before.at("/spec/futureField"));
    assertThat(after.at("/spec/gateways")).isEqualTo(before.at("/spec/gateways"));
    assertThat(after.at("/metadata/annotations/team").asText()).isEqualTo("payments");
    assertThat(rmw().observe(TARGET)).isEqualTo(TrafficSplit.canary(30));
  }

  @Test
  void weightsAlwaysSumToOneHundred() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    IstioTrafficRouter router = rmw();

    for (int canary = 0; canary <= 100; canary += 7) {
      TrafficSplit split = TrafficSplit.canary(canary).withMirror(canary % 3 == 0 ? canary / 2 : 0);
      router.apply(TARGET, split);

      int sum = 0;
      for (JsonNode entry : mainRoute(api.get(VS_PATH)).path("route")) {
        sum += entry.path("weight").asInt();
      }
      assertThat(sum).as("weights for %s", split).isEqualTo(100);
      assertThat(router.observe(TARGET)).isEqualTo(split);
    }
  }

  @Test
  void applyingTheCurrentSplitWritesNothing() throws Exception {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    IstioTrafficRouter router = rmw();
    router.apply(TARGET, TrafficSplit.canary(10));
    int before = server.getRequestCount();

    router.apply(TARGET, TrafficSplit.canary(10));

    assertThat(server.getRequestCount() - before).isEqualTo(1);
    List<String> methods = new ArrayList<>();
    for (int i = 0; i < server.getRequestCount(); i++) {
      methods.add(server.takeRequest().getMethod());
    }
    assertThat(methods).containsExactly("GET", "GET", "PUT", "GET");
  }

  @Test
  void placesTheAbRouteBeforeTheManagedRouteAndRemovesItWithTheMatches() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    IstioTrafficRouter router = rmw();
    List<RequestMatch> matches = List.of(
        RequestMatch.headerExact("X-Canary", "always"),
        new RequestMatch(Source.HEADER, "user-agent", MatchType.REGEX, ".*Firefox.*"),
        new RequestMatch(Source.HEADER, "x-tenant", MatchType.PREFIX, "beta-"),
        RequestMatch.cookieExact("flavour", "canary.v2"));

    router.apply(TARGET, TrafficSplit.allPrimary().withMatches(matches));

    JsonNode http = api.get(VS_PATH).at("/spec/http");
    assertThat(http).hasSize(3);
    assertThat(http.get(0).path("name").asText()).isEqualTo("admin");
    JsonNode ab = http.get(1);
    assertThat(ab.path("name").asText()).isEqualTo("main-canary4j-ab");
    assertThat(ab.path("route")).hasSize(1);
    assertThat(ab.at("/route/0/destination/host").asText()).isEqualTo("podinfo.test.svc.cluster.local");
    assertThat(ab.path("timeout").asText()).isEqualTo("10s");
    assertThat(ab.path("match")).hasSize(4);
    assertThat(ab.at("/match/0/uri/prefix").asText()).isEqualTo("/");
    assertThat(ab.at("/match/0/headers/x-canary/exact").asText()).isEqualTo("always");
    assertThat(ab.at("/match/1/headers/user-agent/regex").asText()).isEqualTo(".*Firefox.*");
    assertThat(ab.at("/match/2/headers/x-tenant/prefix").asText()).isEqualTo("beta-");
    assertThat(ab.at("/match/3/headers/cookie/regex").asText()).isEqualTo("^(.*?;\\s*)?(flavour=canary\\.v2)(;.*)?$");
    assertThat(http.get(2).path("name").asText()).isEqualTo("main");
    assertThat(router.observe(TARGET).matches()).containsExactly(
        new RequestMatch(Source.HEADER, "x-canary", MatchType.EXACT, "always"), matches.get(1), matches.get(2), matches.get(3));

    router.apply(TARGET, TrafficSplit.allPrimary());

    assertThat(api.get(VS_PATH).at("/spec/http")).hasSize(2);
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.allPrimary());
  }

  @Test
  void addsTheAbConditionToEveryMatchEntryOfTheManagedRouteKeepingItsOwnConditions() {
    api.put(VS_PATH, VIRTUAL_SERVICE.replace("\"match\":[{\"uri\":{\"prefix\":\"/\"}}],\"retries\"",
        "\"match\":[{\"uri\":{\"prefix\":\"/api\"},\"headers\":{\"x-env\":{\"exact\":\"prod\"}}},"
            + "{\"method\":{\"exact\":\"GET\"}}],\"retries\""));
    IstioTrafficRouter router = rmw();
    RequestMatch beta = RequestMatch.headerExact("x-user", "beta");

    router.apply(TARGET, TrafficSplit.allPrimary().withMatches(List.of(beta)));

    JsonNode ab = api.get(VS_PATH).at("/spec/http/1");
    assertThat(ab.path("name").asText()).isEqualTo("main-canary4j-ab");
    assertThat(ab.path("match")).hasSize(2);
    assertThat(ab.at("/match/0/uri/prefix").asText()).isEqualTo("/api");
    assertThat(ab.at("/match/0/headers/x-env/exact").asText()).isEqualTo("prod");
    assertThat(ab.at("/match/0/headers/x-user/exact").asText()).isEqualTo("beta");
    assertThat(ab.at("/match/1/method/exact").asText()).isEqualTo("GET");
    assertThat(ab.at("/match/1/headers/x-user/exact").asText()).isEqualTo("beta");
    assertThat(ab.at("/match/1/headers").size()).isEqualTo(1);
    assertThat(router.observe(TARGET).matches()).containsExactly(beta);
  }

  @Test
  void anAbConditionOnAHeaderTheManagedRouteAlreadyTestsIsAPermanentErrorNotAnOverwrite() {
    api.put(VS_PATH, VIRTUAL_SERVICE.replace("\"match\":[{\"uri\":{\"prefix\":\"/\"}}],\"retries\"",
        "\"match\":[{\"uri\":{\"prefix\":\"/\"}},{\"headers\":{\"x-user\":{\"exact\":\"alice\"}}}],\"retries\""));
    ObjectNode before = api.get(VS_PATH);

    assertThatThrownBy(() -> rmw().apply(TARGET,
        TrafficSplit.allPrimary().withMatches(List.of(RequestMatch.headerExact("X-User", "beta")))))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessage("http route 'main' of VirtualService test/podinfo already tests header 'x-user' in match[1] "
            + "({\"exact\":\"alice\"}), so the A/B condition on that header ({\"exact\":\"beta\"}) cannot be "
            + "combined with it; match A/B traffic on another header, or remove that condition from the route");
    assertThat(api.get(VS_PATH)).isEqualTo(before);
  }

  static String withExtraDestination(String weight) {
    return VIRTUAL_SERVICE.replace("\"headers\":{\"response\":{\"add\":{\"x-served-by\":\"primary\"}}}}]",
        "\"headers\":{\"response\":{\"add\":{\"x-served-by\":\"primary\"}}},\"weight\":" + (weight == null ? 100 : 100 - Integer.parseInt(weight))
            + "},{\"destination\":{\"host\":\"podinfo-legacy\"}" + (weight == null ? "" : ",\"weight\":" + weight) + "}]");
  }

  @Test
  void anExtraDestinationWithoutTrafficIsIgnoredByObserveAndKeptByApply() {
    for (String weight : new String[] {"0", null}) {
      api.put(VS_PATH, withExtraDestination(weight));
      IstioTrafficRouter router = rmw();
      assertThat(router.observe(TARGET)).as("weight %s", weight).isEqualTo(TrafficSplit.allPrimary());

      router.apply(TARGET, TrafficSplit.canary(20));

      JsonNode route = mainRoute(api.get(VS_PATH)).path("route");
      assertThat(route).hasSize(3);
      assertThat(route.at("/0/weight").asInt()).isEqualTo(80);
      assertThat(route.at("/1/destination/host").asText()).isEqualTo("podinfo.test.svc.cluster.local");
      assertThat(route.at("/1/weight").asInt()).isEqualTo(20);
      assertThat(route.get(2).toString()).as("kept untouched").isEqualTo(weight == null
          ? "{\"destination\":{\"host\":\"podinfo-legacy\"}}"
          : "{\"destination\":{\"host\":\"podinfo-legacy\"},\"weight\":0}");
      assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.canary(20));
    }
  }

  @Test
  void anExtraDestinationWithTrafficIsTheSameErrorForObserveAndApply() {
    api.put(VS_PATH, withExtraDestination("10"));
    String message = "http route 'main' of VirtualService test/podinfo routes traffic to {\"host\":\"podinfo-legacy\"}, "
        + "which is neither the primary (host podinfo-primary) nor the canary (host podinfo)";

    assertThatThrownBy(() -> rmw().observe(TARGET)).isInstanceOf(PermanentAdapterException.class).hasMessage(message);
    assertThatThrownBy(() -> rmw().apply(TARGET, TrafficSplit.canary(20)))
        .isInstanceOf(PermanentAdapterException.class).hasMessage(message);
  }

  @Test
  void cookieConditionsMatchOnlyThatCookie() {
    String exact = MatchConditions.toHeader(RequestMatch.cookieExact("user", "beta")).getValue().path("regex").asText();
    String prefix = MatchConditions.toHeader(new RequestMatch(Source.COOKIE, "user", MatchType.PREFIX, "be"))
        .getValue().path("regex").asText();
    String regex = MatchConditions.toHeader(new RequestMatch(Source.COOKIE, "user", MatchType.REGEX, "b[a-z]+a"))
        .getValue().path("regex").asText();

    assertThat(Pattern.compile(exact).matcher("user=beta").matches()).isTrue();
    assertThat(Pattern.compile(exact).matcher("a=1; user=beta; b=2").matches()).isTrue();
    assertThat(Pattern.compile(exact).matcher("a=1; user=betamax").matches()).isFalse();
    assertThat(Pattern.compile(exact).matcher("xuser=beta").matches()).isFalse();
    assertThat(Pattern.compile(prefix).matcher("a=1;user=betamax").matches()).isTrue();
    assertThat(Pattern.compile(prefix).matcher("user=alpha; b=be").matches()).isFalse();
    assertThat(Pattern.compile(regex).matcher("user=beta; z=1").matches()).isTrue();
    assertThat(Pattern.compile(regex).matcher("user=gamma").matches()).isFalse();
    assertThat(MatchConditions.fromHeader("cookie", MatchConditions.toHeader(
        new RequestMatch(Source.COOKIE, "user", MatchType.REGEX, "b[a-z]+a")).getValue()))
        .contains(new RequestMatch(Source.COOKIE, "user", MatchType.REGEX, "b[a-z]+a"));
  }

  @Test
  void mirrorsToTheCanaryWithAPercentageAndStopsMirroring() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    IstioTrafficRouter router = rmw();

    router.apply(TARGET, TrafficSplit.allPrimary().withMirror(25));

    JsonNode main = mainRoute(api.get(VS_PATH));
    assertThat(main.at("/mirror/host").asText()).isEqualTo("podinfo.test.svc.cluster.local");
    assertThat(main.at("/mirror/port/number").asInt()).isEqualTo(9898);
    assertThat(main.at("/mirrorPercentage/value").asDouble()).isEqualTo(25.0);
    assertThat(main.at("/route/0/weight").asInt()).isEqualTo(100);
    assertThat(router.observe(TARGET).mirror()).isEqualTo(25);

    router.apply(TARGET, TrafficSplit.allPrimary());

    assertThat(mainRoute(api.get(VS_PATH)).has("mirror")).isFalse();
    assertThat(mainRoute(api.get(VS_PATH)).has("mirrorPercentage")).isFalse();
  }

  @Test
  void withSeveralRoutesAndNoRouteNameSaysWhichRoutesExist() {
    api.put(VS_PATH, VIRTUAL_SERVICE);

    assertThatThrownBy(() -> router(IstioRouterConfig.custom()).observe(TARGET))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessage("VirtualService test/podinfo has 2 http routes [admin, main]; name the one to manage with routeName");
    assertThatThrownBy(() -> router(IstioRouterConfig.custom().routeName("api")).observe(TARGET))
        .hasMessage("VirtualService test/podinfo has no http route named 'api'; routes found: [admin, main]");
  }

  @Test
  void aMissingVirtualServiceIsAPermanentErrorNamingIt() {
    assertThatThrownBy(() -> rmw().apply(TARGET, TrafficSplit.canary(5)))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessage("VirtualService test/podinfo not found (networking.istio.io/v1)");
  }

  @Test
  void aRouteWithoutThePrimaryNamesTheHostsFound() {
    api.put(VS_PATH, VIRTUAL_SERVICE.replace("podinfo-primary.test.svc.cluster.local", "podinfo-stable"));

    assertThatThrownBy(() -> rmw().apply(TARGET, TrafficSplit.canary(5)))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessage("http route 'main' of VirtualService test/podinfo has no destination for the primary "
            + "(host podinfo-primary); destinations found: [podinfo-stable]");
  }

  @Test
  void fallsBackToV1beta1WhenTheClusterDoesNotServeV1() throws Exception {
    api.unserve("/apis/networking.istio.io/v1");
    String beta = "/apis/networking.istio.io/v1beta1/namespaces/test/virtualservices/podinfo";
    api.put(beta, VIRTUAL_SERVICE.replace("networking.istio.io/v1\"", "networking.istio.io/v1beta1\""));
    IstioTrafficRouter router = rmw();

    router.apply(TARGET, TrafficSplit.canary(40));
    router.observe(TARGET);

    assertThat(mainRoute(api.get(beta)).at("/route/1/weight").asInt()).isEqualTo(40);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < server.getRequestCount(); i++) {
      RecordedRequest r = server.takeRequest();
      paths.add(r.getMethod() + " " + r.getUrl().encodedPath());
    }
    assertThat(paths).containsExactly("GET /apis/networking.istio.io/v1", "GET /apis/networking.istio.io/v1beta1",
        "GET " + beta, "PUT " + beta, "GET " + beta);
  }

  @Test
  void readModifyWriteRetriesWhenAnotherWriterWinsTheRace() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    api.beforeNextWrite(() -> {
      ObjectNode vs = api.get(VS_PATH);
      vs.withObjectProperty("metadata").withObjectProperty("annotations").put("touched-by", "someone-else");
      api.put(VS_PATH, vs.toString());
    });

    rmw().apply(TARGET, TrafficSplit.canary(20));

    ObjectNode after = api.get(VS_PATH);
    assertThat(after.at("/metadata/annotations/touched-by").asText()).isEqualTo("someone-else");
    assertThat(mainRoute(after).at("/route/1/weight").asInt()).isEqualTo(20);
  }

  @Test
  void readModifyWriteGivesUpAfterTheConfiguredAttempts() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    for (int i = 0; i < 2; i++) {
      api.beforeNextWrite(() -> api.put(VS_PATH, api.get(VS_PATH).toString()));
    }
    IstioTrafficRouter router = router(IstioRouterConfig.custom().routeName("main")
        .writeStrategy(WriteStrategy.READ_MODIFY_WRITE).maxWriteAttempts(2));

    assertThatThrownBy(() -> router.apply(TARGET, TrafficSplit.canary(20)))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("VirtualService test/podinfo kept changing")
        .hasMessageContaining("2 writes in a row");
  }

  @Test
  void serverSideApplySendsOnlyTheRoutesAsFieldManagerWithTheReadVersion() throws Exception {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    IstioTrafficRouter router = router(IstioRouterConfig.custom().routeName("main"));

    router.apply(TARGET, TrafficSplit.canary(15));

    RecordedRequest patch = null;
    for (int i = 0; i < server.getRequestCount(); i++) {
      RecordedRequest r = server.takeRequest();
      if (r.getMethod().equals("PATCH")) {
        patch = r;
      }
    }
    assertThat(patch).isNotNull();
    assertThat(patch.getUrl().queryParameter("fieldManager")).isEqualTo("canary4j");
    assertThat(patch.getUrl().queryParameter("force")).isEqualTo("false");
    JsonNode body = new YAMLMapper().readTree(patch.getBody().utf8());
    assertThat(body.path("apiVersion").asText()).isEqualTo("networking.istio.io/v1");
    assertThat(body.path("kind").asText()).isEqualTo("VirtualService");
    assertThat(body.at("/metadata/resourceVersion").asText()).isNotEmpty();
    assertThat(body.path("spec").properties()).extracting(Map.Entry::getKey).containsExactly("http");
    assertThat(body.at("/spec/http")).hasSize(2);
    assertThat(mainRoute(api.get(VS_PATH)).at("/route/0/weight").asInt()).isEqualTo(85);
    assertThat(mainRoute(api.get(VS_PATH)).at("/route/1/weight").asInt()).isEqualTo(15);
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.canary(15));
    assertThat(api.get(VS_PATH).at("/spec/hosts/0").asText()).isEqualTo("podinfo.example.com");
  }

  @Test
  void serverSideApplyConflictNamesTheOtherManagerTheFieldAndTheWayOut() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    api.own(VS_PATH, ".spec.http", "kubectl-client-side-apply");

    assertThatThrownBy(() -> router(IstioRouterConfig.custom().routeName("main")).apply(TARGET, TrafficSplit.canary(15)))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
          assertThat(e.managers()).containsExactly("kubectl-client-side-apply");
          assertThat(e.conflicts()).extracting(c -> c.field()).containsExactly(".spec.http");
        })
        .hasMessageContaining("VirtualService test/podinfo as field manager 'canary4j'")
        .hasMessageContaining(".spec.http (owned by \"kubectl-client-side-apply\"")
        .hasMessageContaining("atomic list")
        .hasMessageContaining("force(true)");
    assertThat(mainRoute(api.get(VS_PATH)).at("/route/0").has("weight")).isFalse();
  }

  @Test
  void forcedServerSideApplyTakesTheRoutes() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    api.own(VS_PATH, ".spec.http", "kubectl-client-side-apply");

    router(IstioRouterConfig.custom().routeName("main").force(true)).apply(TARGET, TrafficSplit.canary(15));

    assertThat(mainRoute(api.get(VS_PATH)).at("/route/1/weight").asInt()).isEqualTo(15);
  }

  @Test
  void serverSideApplyRetriesWhenTheObjectChangedSinceItWasRead() {
    api.put(VS_PATH, VIRTUAL_SERVICE);
    api.beforeNextWrite(() -> api.put(VS_PATH, api.get(VS_PATH).toString()));

    router(IstioRouterConfig.custom().routeName("main")).apply(TARGET, TrafficSplit.canary(15));

    assertThat(mainRoute(api.get(VS_PATH)).at("/route/1/weight").asInt()).isEqualTo(15);
  }

  @Test
  void aFencedWriteBasedOnAnOlderVersionIsRefusedWithEitherWriteStrategy() {
    for (IstioTrafficRouter router : List.of(rmw(), router(IstioRouterConfig.custom().routeName("main").force(true)))) {
      api.put(VS_PATH, VIRTUAL_SERVICE);
      String seen = router.observeRouted(TARGET).version();
      String after = router.apply(TARGET, TrafficSplit.canary(10), seen);
      assertThat(after).isNotEqualTo(seen);

      // The write an abandoned call still holds, based on the version before the one just written.
      assertThatThrownBy(() -> router.apply(TARGET, TrafficSplit.canary(50), seen))
          .isInstanceOf(RouteChangedException.class).hasMessageContaining(seen);

      assertThat(mainRoute(api.get(VS_PATH)).at("/route/1/weight").asInt()).isEqualTo(10);
      assertThat(router.observeRouted(TARGET)).isEqualTo(new RoutedSplit(TrafficSplit.canary(10), after));
    }
  }

  @Test
  void aFencedWriteThatLosesTheRaceBetweenItsReadAndItsWriteIsRefusedNotRetried() {
    for (IstioTrafficRouter router : List.of(rmw(), router(IstioRouterConfig.custom().routeName("main").force(true)))) {
      api.put(VS_PATH, VIRTUAL_SERVICE);
      String seen = router.observeRouted(TARGET).version();
      api.beforeNextWrite(() -> api.put(VS_PATH, api.get(VS_PATH).toString()));

      assertThatThrownBy(() -> router.apply(TARGET, TrafficSplit.canary(50), seen))
          .isInstanceOf(RouteChangedException.class);

      assertThat(router.observe(TARGET).canary()).isZero();
    }
  }
}
