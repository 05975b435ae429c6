package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.CanaryState;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConflictException;
import dev.canary4j.kubernetes.client.KubeNotFoundException;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.spec.StateCodec;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link StateStore} keeping each canary's state as JSON in a ConfigMap
 * ({@code <prefix><name>} in the canary's namespace, key {@value #KEY}); the version is the
 * ConfigMap's {@code resourceVersion}, so a save is a compare-and-set that the API server
 * enforces. A lost race throws {@link StaleStateException} and writes nothing; finding exactly the
 * state being saved already stored (a retried write whose answer was lost) counts as saved. Thread-safe.
 *
 * <p>When {@code <prefix><name>} is not a valid ConfigMap name (over 253 characters, or not lower-case
 * DNS-1123), the name is cut short, made lower-case DNS-1123 and suffixed with a hash of the full
 * name; the {@value #CANARY_LABEL} label value (at most 63 characters) is derived the same way. The
 * full canary id is kept in the {@value #CANARY_ID_ANNOTATION} annotation.
 */
public final class ConfigMapStateStore implements StateStore {

  /** The ConfigMap key holding the state. */
  public static final String KEY = "state.json";
  /** The default prefix of the ConfigMap names. */
  public static final String DEFAULT_PREFIX = "canary4j-";
  /** The label holding the canary's name (or, when that is no valid label value, a derived one). */
  public static final String CANARY_LABEL = "canary4j.dev/canary";
  /** The annotation holding the full canary id, {@code namespace/name}. */
  public static final String CANARY_ID_ANNOTATION = "canary4j.dev/canary-id";

  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL_VALUE = 63;
  private static final int HASH_CHARS = 12;
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private final KubeClient client;
  private final String prefix;

  /**
   * A store naming its ConfigMaps {@code canary4j-<name>}.
   *
   * @param client the Kubernetes API client to read and write through; not {@code null}
   */
  public ConfigMapStateStore(KubeClient client) {
    this(client, DEFAULT_PREFIX);
  }

  /**
   * A store naming its ConfigMaps {@code <prefix><name>}; the prefix is lower-case DNS-1123 characters.
   *
   * @param client the Kubernetes API client to read and write through; not {@code null}
   * @param prefix put before each canary's name to name its ConfigMap; lower-case DNS-1123 characters
   */
  public ConfigMapStateStore(KubeClient client, String prefix) {
    this.client = Objects.requireNonNull(client, "client");
    if (prefix == null || !prefix.matches("[a-z0-9]([-a-z0-9.]*)?")) {
      throw new IllegalArgumentException("prefix must be lowercase letters, digits, '-' or '.', but was '" + prefix + "'");
    }
    this.prefix = prefix;
  }

  /** The state in the canary's ConfigMap, versioned by its {@code resourceVersion}; empty when there is none. */
  @Override
  public Optional<StoredState> load(String canaryId) {
    Location at = locate(canaryId);
    Optional<ObjectNode> cm = client.find(KubeResource.CONFIG_MAPS, at.namespace, at.configMap);
    if (cm.isEmpty()) {
      return Optional.empty();
    }
    String owner = cm.get().path("metadata").path("annotations").path(CANARY_ID_ANNOTATION).asText(canaryId);
    if (!owner.equals(canaryId)) {
      throw new PermanentAdapterException(at + " holds the state of canary '" + owner + "', not of '" + canaryId
          + "' (their derived ConfigMap names collide); choose another prefix");
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

  /** Creates ({@code expectedVersion} null) or replaces the ConfigMap as a compare-and-set; returns the new version. */
  @Override
  public String save(String canaryId, CanaryState state, String expectedVersion) {
    Objects.requireNonNull(state, "state");
    Location at = locate(canaryId);
    ObjectNode cm = JsonNodeFactory.instance.objectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = cm.putObject("metadata").put("name", at.configMap).put("namespace", at.namespace);
    metadata.putObject("labels").put("app.kubernetes.io/managed-by", "canary4j").put(CANARY_LABEL, at.label);
    metadata.putObject("annotations").put(CANARY_ID_ANNOTATION, canaryId);
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

  private record Location(String namespace, String label, String configMap) {
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
    String configMap = prefix + name;
    if (configMap.length() > MAX_NAME || !DNS_1123_SUBDOMAIN.matcher(configMap).matches()) {
      configMap = shortened(configMap, MAX_NAME, name);
    }
    String label = name.length() <= MAX_LABEL_VALUE && LABEL_VALUE.matcher(name).matches()
        ? name : shortened(name, MAX_LABEL_VALUE, name);
    return new Location(canaryId.substring(0, slash), label, configMap);
  }

  /**
   * {@code text} made lower-case DNS-1123 ({@code [a-z0-9-]}) and cut to fit {@code max} with
   * {@code -<hash of name>}: the hash keeps names apart that differ only past the cut or in
   * characters the cleaning replaced.
   */
  private static String shortened(String text, int max, String name) {
    String clean = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
    clean = clean.substring(0, Math.min(clean.length(), max - 1 - HASH_CHARS)).replaceAll("^-+|-+$", "");
    String hash = sha256(name).substring(0, HASH_CHARS);
    return clean.isEmpty() ? hash : clean + "-" + hash;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
