package dev.canary4j.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.CanaryState;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.istio.kube.KubeClient;
import dev.canary4j.istio.kube.KubeConfig;
import dev.canary4j.spec.StateCodec;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StoredState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigMapStateStoreTest {

  static final String CM = "/api/v1/namespaces/shop/configmaps/canary4j-cart";

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();

  @BeforeEach
  void start() {
    server.setDispatcher(api);
  }

  ConfigMapStateStore store() {
    return new ConfigMapStateStore(KubeClient.create(KubeConfig.builder(server.url("/").toString()).build()));
  }

  static CanaryState progressing(int step, int weight) {
    CanaryState s = CanaryState.initial();
    return new CanaryState(Phase.PROGRESSING, null, null, "rev-2", "rev-1", step, 0, TrafficSplit.canary(weight),
        s.counters(), null, null, null, null, null);
  }

  @Test
  void savesAndLoadsAStateWithTheResourceVersionAsVersion() {
    ConfigMapStateStore store = store();
    assertThat(store.load("shop/cart")).isEmpty();

    String v1 = store.save("shop/cart", progressing(1, 10), null);
    String v2 = store.save("shop/cart", progressing(2, 20), v1);

    StoredState loaded = store.load("shop/cart").orElseThrow();
    assertThat(loaded.state()).isEqualTo(progressing(2, 20));
    assertThat(loaded.version()).isEqualTo(v2).isNotEqualTo(v1);
    assertThat(api.get(CM).at("/metadata/resourceVersion").asText()).isEqualTo(v2);
    assertThat(api.get(CM).at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("canary4j");
    assertThat(StateCodec.fromJson(api.get(CM).at("/data/state.json").asText())).isEqualTo(progressing(2, 20));
  }

  @Test
  void theSecondOfTwoStoresRacingOnOneVersionLosesAndWritesNothing() {
    ConfigMapStateStore a = store();
    ConfigMapStateStore b = store();
    String v1 = a.save("shop/cart", progressing(1, 10), null);
    String seenByA = a.load("shop/cart").orElseThrow().version();
    String seenByB = b.load("shop/cart").orElseThrow().version();

    String v2 = a.save("shop/cart", progressing(2, 20), seenByA);

    assertThatThrownBy(() -> b.save("shop/cart", progressing(5, 50), seenByB))
        .isInstanceOfSatisfying(StaleStateException.class, e -> {
          assertThat(e.canaryId()).isEqualTo("shop/cart");
          assertThat(e.expectedVersion()).isEqualTo(v1);
          assertThat(e.actualVersion()).isEqualTo(v2);
          assertThat(e.getCause()).as("the API server's 409 is kept").isNotNull();
        });
    assertThat(b.load("shop/cart").orElseThrow().state()).isEqualTo(progressing(2, 20));
  }

  @Test
  void creatingAStateThatSomeoneElseCreatedIsStale() {
    String theirs = store().save("shop/cart", progressing(1, 10), null);

    assertThatThrownBy(() -> store().save("shop/cart", progressing(3, 30), null))
        .isInstanceOfSatisfying(StaleStateException.class, e -> {
          assertThat(e.expectedVersion()).isNull();
          assertThat(e.actualVersion()).isEqualTo(theirs);
        });
  }

  @Test
  void aWriteThatAlreadyLandedCountsAsSaved() {
    ConfigMapStateStore store = store();
    String v1 = store.save("shop/cart", progressing(1, 10), null);
    api.beforeNextWrite(() -> {
      var cm = api.get(CM);
      cm.withObjectProperty("data").put("state.json", StateCodec.toJson(progressing(2, 20)));
      api.put(CM, cm.toString());
    });

    String v2 = store.save("shop/cart", progressing(2, 20), v1);

    assertThat(v2).isEqualTo(api.get(CM).at("/metadata/resourceVersion").asText()).isNotEqualTo(v1);
    assertThat(store.load("shop/cart").orElseThrow().state()).isEqualTo(progressing(2, 20));
  }

  @Test
  void savingOverADeletedStateIsStale() {
    assertThatThrownBy(() -> store().save("shop/cart", progressing(3, 30), "42"))
        .isInstanceOfSatisfying(StaleStateException.class, e -> assertThat(e.actualVersion()).isNull());
  }

  @Test
  void ofManyConcurrentWritersWithTheSameVersionExactlyOneWins() throws Exception {
    String v1 = store().save("shop/cart", progressing(1, 10), null);
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        int weight = 20 + i;
        ConfigMapStateStore s = store();
        results.add(pool.submit(() -> {
          go.await();
          try {
            return s.save("shop/cart", progressing(2, weight), v1);
          } catch (StaleStateException e) {
            return null;
          }
        }));
      }
      go.countDown();
      List<String> won = new ArrayList<>();
      for (Future<String> f : results) {
        String v = f.get(30, TimeUnit.SECONDS);
        if (v != null) {
          won.add(v);
        }
      }
      assertThat(won).hasSize(1);
      assertThat(store().load("shop/cart").orElseThrow().version()).isEqualTo(won.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aConfigMapWithoutAStateSaysSo() {
    api.put(CM, "{\"metadata\":{\"name\":\"canary4j-cart\"},\"data\":{\"other\":\"x\"}}");
    api.put("/api/v1/namespaces/shop/configmaps/canary4j-bad", "{\"metadata\":{\"name\":\"canary4j-bad\"},\"data\":{\"state.json\":\"{\\\"phase\\\":7}\"}}");

    assertThatThrownBy(() -> store().load("shop/cart")).isInstanceOf(PermanentAdapterException.class)
        .hasMessage("ConfigMap shop/canary4j-cart has no data.state.json; it was not written by canary4j");
    assertThatThrownBy(() -> store().load("shop/bad")).isInstanceOf(PermanentAdapterException.class)
        .hasMessageStartingWith("ConfigMap shop/canary4j-bad data.state.json is not a canary state: ");
  }

  @Test
  void rejectsACanaryIdWithoutNamespace() {
    assertThatThrownBy(() -> store().load("cart")).hasMessage("canaryId must be 'namespace/name', but was 'cart'");
  }
}
