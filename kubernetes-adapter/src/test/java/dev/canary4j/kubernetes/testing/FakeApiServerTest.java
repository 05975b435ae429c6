package dev.canary4j.kubernetes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.FieldConflict;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.client.KubeConflictException;
import dev.canary4j.kubernetes.client.KubeResource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeApiServerTest {

  static final String CM = "/api/v1/namespaces/shop/configmaps/cart";
  static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  KubeClient client;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    client = KubeClient.create(KubeConfig.builder(server.url("/").toString()).build());
  }

  static ObjectNode configMap(String data) throws Exception {
    return (ObjectNode) JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cart\","
        + "\"namespace\":\"shop\"},\"data\":" + data + "}");
  }

  @Test
  void serverSideApplyRecordsTheManagerOfEachFieldInManagedFields() throws Exception {
    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"1\"}"), "tool-a", false);

    JsonNode managed = api.get(CM).at("/metadata/managedFields/0");
    assertThat(managed.path("manager").asText()).isEqualTo("tool-a");
    assertThat(managed.path("operation").asText()).isEqualTo("Apply");
    assertThat(managed.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(managed.at("/fieldsV1/f:data/f:a").isObject()).isTrue();
  }

  @Test
  void applyingAFieldAnotherManagerOwnsConflictsWithTheDocumentedStatusNamingManagerAndField() throws Exception {
    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"1\",\"b\":\"2\"}"), "tool-a", false);

    assertThatThrownBy(() -> client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"9\"}"),
        "tool-b", false)).isInstanceOfSatisfying(KubeConflictException.class, e -> {
          assertThat(e.fieldConflicts()).containsExactly(new FieldConflict("tool-a", "v1", ".data.a"));
          assertThat(e.getMessage()).contains("Apply failed with 1 conflict: conflict with \"tool-a\" using v1: .data.a");
        });
    assertThat(api.get(CM).at("/data/a").asText()).as("nothing written").isEqualTo("1");
  }

  @Test
  void forceTakesTheFieldAndEqualValuesAreSharedWithoutConflict() throws Exception {
    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"1\",\"b\":\"2\"}"), "tool-a", false);

    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"b\":\"2\"}"), "tool-b", false);
    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"9\"}"), "tool-b", true);

    assertThat(api.get(CM).at("/data/a").asText()).isEqualTo("9");
    JsonNode managed = api.get(CM).at("/metadata/managedFields");
    assertThat(managed.get(0).at("/fieldsV1/f:data").has("f:a")).as("tool-a lost .data.a").isFalse();
    assertThat(managed.get(1).path("manager").asText()).isEqualTo("tool-b");
    assertThat(managed.get(1).at("/fieldsV1/f:data").has("f:a")).isTrue();
  }

  @Test
  void aFieldTheManagerStopsApplyingIsRemovedUnlessAnotherManagerOwnsIt() throws Exception {
    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"1\",\"b\":\"2\"}"), "tool-a", false);

    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"1\"}"), "tool-a", false);

    assertThat(api.get(CM).path("data").has("b")).isFalse();
    assertThat(api.get(CM).at("/data/a").asText()).isEqualTo("1");
  }

  @Test
  void anUpdateTakesTheFieldsItChangesSoALaterApplyOfThemConflicts() throws Exception {
    client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"1\"}"), "canary4j", false);
    ObjectNode edited = client.get(KubeResource.CONFIG_MAPS, "shop", "cart");
    edited.withObjectProperty("data").put("a", "2");
    client.replace(KubeResource.CONFIG_MAPS, "shop", "cart", edited);

    assertThatThrownBy(() -> client.apply(KubeResource.CONFIG_MAPS, "shop", "cart", configMap("{\"a\":\"3\"}"),
        "canary4j", false)).isInstanceOfSatisfying(KubeConflictException.class,
            e -> assertThat(e.managers()).containsExactly("okhttp"));
  }

  @Test
  void aStaleResourceVersionIsRefusedWithTheDocumentedConflict() throws Exception {
    ObjectNode created = client.create(KubeResource.CONFIG_MAPS, "shop", configMap("{\"a\":\"1\"}"));
    client.replace(KubeResource.CONFIG_MAPS, "shop", "cart", created.deepCopy());

    assertThatThrownBy(() -> client.replace(KubeResource.CONFIG_MAPS, "shop", "cart", created))
        .isInstanceOfSatisfying(KubeConflictException.class, e -> assertThat(e.getMessage())
            .contains("the object has been modified; please apply your changes to the latest version and try again"));
    assertThat(api.get(CM).at("/metadata/generation").asInt()).isEqualTo(1);
    assertThat(api.get(CM).at("/metadata/uid").asText()).isEqualTo(created.at("/metadata/uid").asText());
  }

  @Test
  void aWatchStreamsChangesAfterItsResourceVersionAndBookmarksOnRequest() throws Exception {
    api.put(CM, configMap("{\"a\":\"1\"}").toString());
    String from = api.get(CM).at("/metadata/resourceVersion").asText();
    api.put(CM, configMap("{\"a\":\"2\"}").toString());
    api.put("/api/v1/namespaces/shop/configmaps/other", configMap("{}").put("kind", "ConfigMap").toString());

    try (Response watch = openWatch("fieldSelector=metadata.name%3Dcart&allowWatchBookmarks=true&resourceVersion=" + from)) {
      BufferedReader lines = reader(watch);
      JsonNode first = JSON.readTree(lines.readLine());
      assertThat(first.path("type").asText()).isEqualTo("MODIFIED");
      assertThat(first.at("/object/data/a").asText()).isEqualTo("2");

      api.delete(CM);
      assertThat(JSON.readTree(lines.readLine()).path("type").asText()).isEqualTo("DELETED");

      api.bookmark();
      JsonNode bookmark = JSON.readTree(lines.readLine());
      assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
      assertThat(bookmark.at("/object/metadata/resourceVersion").asLong()).isGreaterThan(Long.parseLong(from));

      api.closeWatches();
      assertThat(lines.readLine()).as("the stream ends").isNull();
    }
  }

  @Test
  void aWatchFromAVersionOlderThanTheHistoryGetsA410ExpiredErrorEvent() throws Exception {
    api.put(CM, configMap("{\"a\":\"1\"}").toString());
    String old = api.get(CM).at("/metadata/resourceVersion").asText();
    api.put(CM, configMap("{\"a\":\"2\"}").toString());
    api.compact();

    try (Response watch = openWatch("resourceVersion=" + old)) {
      BufferedReader lines = reader(watch);
      JsonNode error = JSON.readTree(lines.readLine());
      assertThat(error.path("type").asText()).isEqualTo("ERROR");
      assertThat(error.at("/object/code").asInt()).isEqualTo(410);
      assertThat(error.at("/object/reason").asText()).isEqualTo("Expired");
      assertThat(lines.readLine()).isNull();
    }
  }

  @Test
  void aWatchWithoutAResourceVersionStartsWithTheCurrentObjects() throws Exception {
    api.put(CM, configMap("{\"a\":\"1\"}").toString());

    try (Response watch = openWatch("timeoutSeconds=1")) {
      BufferedReader lines = reader(watch);
      List<String> types = new ArrayList<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        types.add(JSON.readTree(line).path("type").asText());
      }
      assertThat(types).containsExactly("ADDED");
    }
  }

  Response openWatch(String query) throws Exception {
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
    return http.newCall(new Request.Builder()
        .url(server.url("/api/v1/namespaces/shop/configmaps?watch=true&" + query)).build()).execute();
  }

  static BufferedReader reader(Response response) {
    return new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
  }
}
