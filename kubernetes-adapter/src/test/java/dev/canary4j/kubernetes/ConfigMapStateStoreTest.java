package dev.canary4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.CanaryState;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
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

  static final String CONFIG_MAPS = "/api/v1/namespaces/shop/configmaps/";

  @Test
  void aCanaryNameTooLongForAConfigMapNameOrLabelGetsAShortenedHashedOneAndTheFullIdInAnAnnotation() {
    String name = "checkout-" + "x".repeat(300);
    ConfigMapStateStore store = store();

    String v1 = store.save("shop/" + name, progressing(1, 10), null);

    assertThat(api.paths()).hasSize(1);
    var cm = api.get(api.paths().get(0));
    String cmName = cm.at("/metadata/name").asText();
    assertThat(cmName).hasSizeLessThanOrEqualTo(253).startsWith("canary4j-checkout-xxx")
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    String label = cm.at("/metadata/labels/canary4j.dev~1canary").asText();
    assertThat(label).hasSizeLessThanOrEqualTo(63).startsWith("checkout-xxx").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(cm.at("/metadata/annotations/canary4j.dev~1canary-id").asText()).isEqualTo("shop/" + name);
    assertThat(store.load("shop/" + name).orElseThrow()).isEqualTo(new StoredState(progressing(1, 10), v1));
    String v2 = store.save("shop/" + name, progressing(2, 20), v1);
    assertThat(store.load("shop/" + name).orElseThrow()).isEqualTo(new StoredState(progressing(2, 20), v2));
  }

  @Test
  void twoLongCanaryNamesSharingTheirBeginningDoNotShareAConfigMap() {
    String common = "y".repeat(280);
    ConfigMapStateStore store = store();

    store.save("shop/" + common + "-a", progressing(1, 10), null);
    store.save("shop/" + common + "-b", progressing(2, 20), null);

    assertThat(api.paths()).hasSize(2);
    assertThat(api.paths().stream().map(p -> api.get(p).at("/metadata/labels/canary4j.dev~1canary").asText()).distinct())
        .hasSize(2);
    assertThat(store.load("shop/" + common + "-a").orElseThrow().state()).isEqualTo(progressing(1, 10));
    assertThat(store.load("shop/" + common + "-b").orElseThrow().state()).isEqualTo(progressing(2, 20));
  }

  @Test
  void aCanaryNameWithCharactersInvalidInNamesAndLabelsStillGetsItsOwnConfigMap() {
    ConfigMapStateStore store = store();

    store.save("shop/Cart_V2", progressing(1, 10), null);
    store.save("shop/cart-v2", progressing(2, 20), null);

    assertThat(api.paths()).hasSize(2).contains(CONFIG_MAPS + "canary4j-cart-v2");
    assertThat(api.get(CONFIG_MAPS + "canary4j-cart-v2").at("/metadata/labels/canary4j.dev~1canary").asText())
        .isEqualTo("cart-v2");
    assertThat(store.load("shop/Cart_V2").orElseThrow().state()).isEqualTo(progressing(1, 10));
    assertThat(store.load("shop/cart-v2").orElseThrow().state()).isEqualTo(progressing(2, 20));
  }

  @Test
  void aConfigMapHoldingAnotherCanarysStateIsNotReadAsThisOnes() {
    String v = store().save("shop/cart", progressing(1, 10), null);
    var cm = api.get(CM);
    cm.withObjectProperty("metadata").withObjectProperty("annotations").put("canary4j.dev/canary-id", "shop/other");
    api.put(CM, cm.toString());

    assertThat(v).isNotNull();
    assertThatThrownBy(() -> store().load("shop/cart")).isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("ConfigMap shop/canary4j-cart holds the state of canary 'shop/other', not of 'shop/cart'");
  }
}
