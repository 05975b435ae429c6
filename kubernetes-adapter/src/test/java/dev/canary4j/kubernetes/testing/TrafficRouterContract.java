package dev.canary4j.kubernetes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.ApplyConflictException;
import dev.canary4j.kubernetes.WriteFence;
import dev.canary4j.kubernetes.client.FieldConflict;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.TrafficRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every Kubernetes {@link TrafficRouter} promises, as tests on the in-memory API server: a
 * router module subclasses this once, says where its route object lives and how to read it, and
 * runs the same tests as every other router.
 *
 * <p>Each test starts from the user's route as {@link #install} stores it: all traffic on the
 * primary, and fields the router does not manage. The router writes by server-side apply as
 * {@code canary4j}, without force.
 */
public abstract class TrafficRouterContract {

  /** The target every test rolls out: {@code test/podinfo}, primary {@code podinfo-primary}, canary {@code podinfo}. */
  protected static final Target TARGET = Target.of("test", "podinfo");

  @StartStop protected final MockWebServer server = new MockWebServer();
  protected final FakeApiServer api = new FakeApiServer();
  protected KubeClient client;

  /** Stores the user's route (all traffic on the primary) and whatever else the router reads. */
  protected abstract void install(FakeApiServer api);

  /** The route object's API path. */
  protected abstract String routePath();

  /** The router under test, writing through {@code client} by server-side apply as {@code canary4j}. */
  protected abstract TrafficRouter router(KubeClient client);

  /** The field server-side apply takes ownership of, e.g. {@code .spec.http}. */
  protected abstract String managedField();

  /** The primary's and the canary's weights as written in {@code route} (0 for a missing canary). */
  protected abstract List<Integer> weights(ObjectNode route);

  /** {@code route} with these weights in the managed rule, as another tool would write them. */
  protected abstract ObjectNode withWeights(ObjectNode route, int primary, int canary);

  /** The share of requests {@code route} mirrors to the canary, in percent. */
  protected abstract int mirrored(ObjectNode route);

  /**
   * The backends (Service or host names, without domain) with traffic for a request to {@code /}
   * with {@code headers}, taken from the first rule whose matches hold, as a proxy would.
   */
  protected abstract List<String> backendsFor(ObjectNode route, Map<String, String> headers);

  /** JSON pointers of fields of the user's route the router does not manage; the user's route as installed fixes their values. */
  protected abstract List<String> unmanagedFields();

  @BeforeEach
  void startApiServer() {
    server.setDispatcher(api);
    client = KubeClient.builder(KubeConfig.builder(server.url("/").toString()).build()).sleeper(d -> { }).build();
    install(api);
  }

  private ObjectNode route() {
    return api.get(routePath());
  }

  @Test
  void weightsAlwaysSumToOneHundred() {
    TrafficRouter router = router(client);

    for (int canary = 0; canary <= 100; canary += 7) {
      TrafficSplit split = TrafficSplit.canary(canary);
      router.apply(TARGET, split);

      List<Integer> written = weights(route());
      assertThat(written.get(0) + written.get(1)).as("sum of %s for %s", written, split).isEqualTo(100);
      assertThat(written).as("weights for %s", split).containsExactly(100 - canary, canary);
      assertThat(router.observe(TARGET)).isEqualTo(split);
    }
  }

  @Test
  void applyingTheSplitInPlaceWritesNothing() {
    TrafficRouter router = router(client);
    router.apply(TARGET, TrafficSplit.canary(10));

    router.apply(TARGET, TrafficSplit.canary(10));

    assertThat(api.writesTo(routePath())).hasSize(1);
  }

  @Test
  void sendsOnlyRequestsMatchingAHeaderOrCookieToTheCanaryAndStopsWithTheMatches() {
    TrafficRouter router = router(client);
    List<RequestMatch> matches = List.of(RequestMatch.headerExact("x-user", "beta"), RequestMatch.cookieExact("canary", "always"));

    router.apply(TARGET, TrafficSplit.allPrimary().withMatches(matches));

    assertThat(backendsFor(route(), Map.of("x-user", "beta"))).containsExactly(TARGET.canary());
    assertThat(backendsFor(route(), Map.of("cookie", "session=1; canary=always"))).containsExactly(TARGET.canary());
    assertThat(backendsFor(route(), Map.of("cookie", "canary=never", "x-user", "alpha"))).containsExactly(TARGET.primary());
    assertThat(backendsFor(route(), Map.of())).containsExactly(TARGET.primary());
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.allPrimary().withMatches(matches));

    router.apply(TARGET, TrafficSplit.allPrimary());

    assertThat(backendsFor(route(), Map.of("x-user", "beta"))).containsExactly(TARGET.primary());
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.allPrimary());
  }

  @Test
  void mirrorsAShareOfTheRequestsToTheCanaryAndStops() {
    TrafficRouter router = router(client);

    router.apply(TARGET, TrafficSplit.canary(10).withMirror(30));
    int mirroring = mirrored(route());
    TrafficSplit observed = router.observe(TARGET);
    router.apply(TARGET, TrafficSplit.canary(10));

    assertThat(mirroring).isEqualTo(30);
    assertThat(observed).isEqualTo(TrafficSplit.canary(10).withMirror(30));
    assertThat(mirrored(route())).isZero();
    assertThat(router.observe(TARGET)).isEqualTo(TrafficSplit.canary(10));
  }

  @Test
  void observesWeightsChangedOutsideAndPutsItsOwnBack() {
    TrafficRouter router = router(client);
    router.apply(TARGET, TrafficSplit.canary(40));

    api.put(routePath(), withWeights(route(), 100, 0).toString());
    TrafficSplit drifted = router.observe(TARGET);
    router.apply(TARGET, TrafficSplit.canary(40));

    assertThat(drifted).isEqualTo(TrafficSplit.allPrimary());
    assertThat(weights(route())).containsExactly(60, 40);
  }

  @Test
  void aConflictNamesTheOtherManagerAndTheFieldAndWritesNothing() {
    api.own(routePath(), managedField(), "helm");
    ObjectNode before = route();

    assertThatThrownBy(() -> router(client).apply(TARGET, TrafficSplit.canary(15)))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
          assertThat(e.managers()).containsExactly("helm");
          assertThat(e.conflicts()).extracting(FieldConflict::field).containsExactly(managedField());
        })
        .hasMessageContaining("as field manager 'canary4j'")
        .hasMessageContaining("force(true)");
    assertThat(weights(route())).isEqualTo(weights(before));
  }

  @Test
  void keepsEveryFieldItDoesNotManage() {
    ObjectNode before = route();
    Map<String, JsonNode> unmanaged = new LinkedHashMap<>();
    for (String pointer : unmanagedFields()) {
      assertThat(before.at(pointer).isMissingNode()).as("%s in the installed route", pointer).isFalse();
      unmanaged.put(pointer, before.at(pointer));
    }
    TrafficRouter router = router(client);

    router.apply(TARGET, TrafficSplit.canary(30).withMirror(100)
        .withMatches(List.of(RequestMatch.headerExact("x-user", "beta"))));
    router.apply(TARGET, TrafficSplit.canary(30));

    ObjectNode after = route();
    unmanaged.forEach((pointer, value) -> assertThat(after.at(pointer)).as(pointer).isEqualTo(value));
  }

  @Test
  void aCallGivenUpOnCannotLandAfterARollbackThatChangedNothing() throws Exception {
    assertALateCallLosesTo(TrafficSplit.allPrimary());
  }

  @Test
  void aCallGivenUpOnCannotLandAfterALaterSplit() throws Exception {
    assertALateCallLosesTo(TrafficSplit.canary(10));
  }

  /**
   * Holds a call's write at the server (as a slow network or API server would, past the caller's time
   * limit), makes a later call with {@code later}, then lets the held write through.
   */
  private void assertALateCallLosesTo(TrafficSplit later) throws Exception {
    TrafficRouter router = router(client);
    router.observe(TARGET);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    api.beforeNextWrite(() -> {
      held.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<Void> late = CompletableFuture.runAsync(() -> router.apply(TARGET, TrafficSplit.canary(50)));
    assertThat(held.await(10, TimeUnit.SECONDS)).as("the late call's write reached the server").isTrue();

    router.apply(TARGET, later);
    release.countDown();

    assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WriteFence.SupersededWriteException.class);
    assertThat(weights(route())).containsExactly(later.primary(), later.canary());
    assertThat(router.observe(TARGET)).isEqualTo(later);
  }
}
