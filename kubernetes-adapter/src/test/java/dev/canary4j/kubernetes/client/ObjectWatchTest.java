package dev.canary4j.kubernetes.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.kubernetes.testing.FakeApiServer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectWatchTest {

  static final String CMS = "/api/v1/namespaces/shop/configmaps/";

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  final BlockingQueue<ObjectWatch.Event> events = new LinkedBlockingQueue<>();
  KubeClient client;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    client = KubeClient.create(KubeConfig.builder(server.url("/").toString()).build());
    put("cart", "1");
  }

  void put(String name, String value) {
    api.put(CMS + name, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"shop\"},\"data\":{\"v\":\"" + value + "\"}}");
  }

  ObjectWatch.Builder watch() {
    return ObjectWatch.builder(client, KubeResource.CONFIG_MAPS, "shop").name("cart").onEvent(events::add)
        .sleeper(d -> { });
  }

  String next() throws InterruptedException {
    ObjectWatch.Event e = events.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("an event within 5 s").isNotNull();
    return e.type() + " " + e.object().at("/data/v").asText();
  }

  RecordedRequest nextWatchRequest() throws InterruptedException {
    for (RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS); r != null; r = server.takeRequest(5, TimeUnit.SECONDS)) {
      if ("true".equals(r.getUrl().queryParameter("watch"))) {
        return r;
      }
    }
    throw new AssertionError("no watch request within 5 s");
  }

  @Test
  void listsThenStreamsEachChangeAsItHappens() throws Exception {
    try (ObjectWatch w = watch().build().start()) {
      assertThat(next()).isEqualTo("ADDED 1");

      put("cart", "2");
      assertThat(next()).isEqualTo("MODIFIED 2");

      api.delete(CMS + "cart");
      assertThat(next()).isEqualTo("DELETED 2");
      assertThat(w.lists()).isEqualTo(1);
    }
  }

  @Test
  void aWatchTheServerEndsIsReopenedFromTheLastVersionSeenWithoutAList() throws Exception {
    try (ObjectWatch w = watch().build().start()) {
      assertThat(next()).isEqualTo("ADDED 1");
      RecordedRequest first = nextWatchRequest();
      assertThat(first.getUrl().queryParameter("allowWatchBookmarks")).isEqualTo("true");

      assertThat(api.awaitWatches(1, Duration.ofSeconds(5))).isTrue();
      api.closeWatches();
      RecordedRequest second = nextWatchRequest();
      assertThat(api.awaitWatches(1, Duration.ofSeconds(5))).isTrue();
      put("cart", "2");

      assertThat(next()).isEqualTo("MODIFIED 2");
      assertThat(second.getUrl().queryParameter("resourceVersion"))
          .isEqualTo(first.getUrl().queryParameter("resourceVersion"));
      assertThat(w.lists()).isEqualTo(1);
    }
  }

  @Test
  void aBookmarkMovesTheVersionTheWatchIsReopenedFrom() throws Exception {
    try (ObjectWatch w = watch().build().start()) {
      assertThat(next()).isEqualTo("ADDED 1");
      nextWatchRequest();
      assertThat(api.awaitWatches(1, Duration.ofSeconds(5))).isTrue();
      put("other", "x"); // not watched: only a bookmark tells the watch that the version moved
      String latest = api.get(CMS + "other").at("/metadata/resourceVersion").asText();

      api.bookmark();
      awaitVersion(w, latest);
      api.closeWatches();

      assertThat(nextWatchRequest().getUrl().queryParameter("resourceVersion")).isEqualTo(latest);
    }
  }

  @Test
  void a410GoneAnswerListsAgainAndCarriesOn() throws Exception {
    try (ObjectWatch w = watch().build().start()) {
      assertThat(next()).isEqualTo("ADDED 1");
      assertThat(api.awaitWatches(1, Duration.ofSeconds(5))).isTrue();
      put("other", "x");
      api.compact();

      api.closeWatches();

      assertThat(next()).as("relisted").isEqualTo("RESYNC 1");
      assertThat(w.lists()).isEqualTo(2);
      put("cart", "3");
      assertThat(next()).isEqualTo("MODIFIED 3");
    }
  }

  @Test
  void everyObjectIsHandedOverAgainEachResyncPeriod() throws Exception {
    try (ObjectWatch w = watch().resync(Duration.ofSeconds(1)).serverTimeout(Duration.ofSeconds(1)).build().start()) {
      assertThat(next()).isEqualTo("ADDED 1");

      assertThat(next()).isEqualTo("RESYNC 1");
      assertThat(w.lists()).isEqualTo(1);
    }
  }

  /** The bookmark travels on the open stream; wait (at most 5 s) until the watch has read it. */
  static void awaitVersion(ObjectWatch w, String version) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!version.equals(w.resourceVersion()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(w.resourceVersion()).isEqualTo(version);
  }
}
