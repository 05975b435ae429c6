package dev.canary4j.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.CanaryState;
import dev.canary4j.istio.kube.KubeClient;
import dev.canary4j.istio.kube.KubeConflictException;
import dev.canary4j.istio.kube.KubeNotFoundException;
import dev.canary4j.istio.kube.KubeResource;
import dev.canary4j.spec.StateCodec;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StateStore} keeping each canary's state as JSON in a ConfigMap
 * ({@code <prefix><name>} in the canary's namespace, key {@value #KEY}); the version is the
 * ConfigMap's {@code resourceVersion}, so a save is a compare-and-set that the API server
 * enforces. A lost race throws {@link StaleStateException} and writes nothing; finding exactly the
 * state being saved already stored (a retried write whose answer was lost) counts as saved. Thread-safe.
 */
public final class ConfigMapStateStore implements StateStore {

  /** The ConfigMap key holding the state. */
  public static final String KEY = "state.json";
  public static final String DEFAULT_PREFIX = "canary4j-";

  private final KubeClient client;
  private final String prefix;

  /** A store naming its ConfigMaps {@code canary4j-<name>}. */
  public ConfigMapStateStore(KubeClient client) {
    this(client, DEFAULT_PREFIX);
  }

  public ConfigMapStateStore(KubeClient client, String prefix) {
    this.client = Objects.requireNonNull(client, "client");
    if (prefix == null || !prefix.matches("[a-z0-9]([-a-z0-9.]*)?")) {
      throw new IllegalArgumentException("prefix must be lowercase letters, digits, '-' or '.', but was '" + prefix + "'");
    }
    this.prefix = prefix;
  }

  @Override
  public Optional<StoredState> load(String canaryId) {
    Location at = locate(canaryId);
    Optional<ObjectNode> cm = client.find(KubeResource.CONFIG_MAPS, at.namespace, at.configMap);
    if (cm.isEmpty()) {
      return Optional.empty();
    }
    JsonNode json = cm.get().path("data").path(KEY);
    if (!json.isTextual()) {
      throw new PermanentAdapterException(at + " has no data." + KEY + "; it was not written by canary4j");
    }
    try {
      return Optional.of(new StoredState(StateCodec.fromJson(json.asText()), version(cm.get())));
    } catch (IllegalArgumentException e) {
      throw new PermanentAdapterException(at + " data." + KEY + " is not a canary state: " + e.getMessage(), e);
    }
  }

  @Override
  public String save(String canaryId, CanaryState state, String expectedVersion) {
    Objects.requireNonNull(state, "state");
    Location at = locate(canaryId);
    ObjectNode cm = JsonNodeFactory.instance.objectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = cm.putObject("metadata").put("name", at.configMap).put("namespace", at.namespace);
    metadata.putObject("labels").put("app.kubernetes.io/managed-by", "canary4j").put("canary4j.dev/canary", at.name);
    String json = StateCodec.toJson(state);
    cm.putObject("data").put(KEY, json);
    try {
      if (expectedVersion == null) {
        return version(client.create(KubeResource.CONFIG_MAPS, at.namespace, cm));
      }
      metadata.put("resourceVersion", expectedVersion);
      return version(client.replace(KubeResource.CONFIG_MAPS, at.namespace, at.configMap, cm));
    } catch (KubeConflictException | KubeNotFoundException lost) {
      Optional<ObjectNode> current = client.find(KubeResource.CONFIG_MAPS, at.namespace, at.configMap);
      if (current.isPresent() && json.equals(current.get().path("data").path(KEY).asText(null))) {
        // Exactly this state is stored: our earlier attempt landed though its answer was lost (a
        // retried timeout), or a replica decided the same from the same state. Nothing to overwrite.
        return version(current.get());
      }
      String actual = current.map(this::version).orElse(null);
      throw new StaleStateException(canaryId, expectedVersion, actual, lost);
    }
  }

  private String version(ObjectNode configMap) {
    return configMap.path("metadata").path("resourceVersion").asText();
  }

  private record Location(String namespace, String name, String configMap) {
    @Override
    public String toString() {
      return "ConfigMap " + namespace + "/" + configMap;
    }
  }

  private Location locate(String canaryId) {
    Objects.requireNonNull(canaryId, "canaryId");
    int slash = canaryId.indexOf('/');
    if (slash <= 0 || slash == canaryId.length() - 1 || canaryId.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("canaryId must be 'namespace/name', but was '" + canaryId + "'");
    }
    String name = canaryId.substring(slash + 1);
    return new Location(canaryId.substring(0, slash), name, prefix + name);
  }
}
