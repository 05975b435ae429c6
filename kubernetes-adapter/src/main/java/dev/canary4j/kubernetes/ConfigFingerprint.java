package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeNotFoundException;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The revision fingerprint of a Deployment: SHA-256 over its pod template and the data
 * ({@code data} and {@code binaryData}) of every ConfigMap and Secret the template uses, so that a
 * configuration-only change is a new revision. Stable across key order; the fingerprint annotation
 * itself is left out. Thread-safe.
 */
public final class ConfigFingerprint {

  /** The pod-template annotation {@link #annotate} writes. */
  public static final String ANNOTATION = "canary4j.dev/config-fingerprint";

  private final KubeClient client;

  /**
   * A fingerprinter reading the Deployment and its ConfigMaps and Secrets through {@code client}.
   *
   * @param client the Kubernetes API client to read through; not {@code null}
   */
  public ConfigFingerprint(KubeClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** A computed fingerprint and the references it covers. */
  public record Result(String sha256, List<ConfigReference> references) {}

  /**
   * Computes the fingerprint of Deployment {@code namespace/name}.
   *
   * @param namespace the Deployment's namespace
   * @param name the Deployment's name
   * @return the SHA-256 over the referenced ConfigMaps and Secrets, and the references it covers
   * @throws PermanentAdapterException if the Deployment or a required ConfigMap/Secret is missing
   */
  public Result compute(String namespace, String name) {
    return compute(namespace, deployment(namespace, name));
  }

  /**
   * Computes the fingerprint and writes it as the pod-template annotation {@value #ANNOTATION}
   * (a JSON merge patch, only when it changed), so that a configuration change rolls the Deployment.
   *
   * @param namespace the Deployment's namespace
   * @param name the Deployment's name
   * @return the fingerprint now in the annotation, and the references it covers
   */
  public Result annotate(String namespace, String name) {
    ObjectNode deployment = deployment(namespace, name);
    Result result = compute(namespace, deployment);
    JsonNode current = deployment.at("/spec/template/metadata/annotations").path(ANNOTATION);
    if (!result.sha256().equals(current.asText(null))) {
      ObjectNode patch = JsonNodeFactory.instance.objectNode();
      patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
          .put(ANNOTATION, result.sha256());
      client.mergePatch(KubeResource.DEPLOYMENTS, namespace, name, patch);
    }
    return result;
  }

  /**
   * Computes the fingerprint of {@code deployment}, an object already read from namespace
   * {@code namespace}, so that a caller acting on that object knows exactly which revision it holds.
   *
   * @param namespace the namespace {@code deployment} was read from, where its ConfigMaps and Secrets are
   * @param deployment the Deployment object as read from the API server
   * @return the SHA-256 over the referenced ConfigMaps and Secrets, and the references it covers
   */
  public Result compute(String namespace, ObjectNode deployment) {
    String name = deployment.path("metadata").path("name").asText();
    JsonNode template = deployment.path("spec").path("template").deepCopy();
    if (template.path("metadata").path("annotations") instanceof ObjectNode annotations) {
      annotations.remove(ANNOTATION);
      if (annotations.isEmpty()) {
        // An emptied map must hash like an absent one, or writing the annotation would change the result.
        ((ObjectNode) template.path("metadata")).remove("annotations");
      }
    }
    List<ConfigReference> refs = ConfigReferences.of(template);
    ObjectNode canonical = JsonNodeFactory.instance.objectNode();
    canonical.set("template", template);
    ObjectNode configMaps = canonical.putObject("configMaps");
    ObjectNode secrets = canonical.putObject("secrets");
    for (ConfigReference ref : refs) {
      ObjectNode into = ref.kind().equals("ConfigMap") ? configMaps : secrets;
      Optional<ObjectNode> object = fetch(namespace, name, ref);
      if (object.isEmpty()) {
        into.putNull(ref.name());
        continue;
      }
      ObjectNode content = into.putObject(ref.name());
      for (String field : new String[] {"data", "binaryData"}) {
        if (object.get().has(field)) {
          content.set(field, object.get().get(field));
        }
      }
    }
    return new Result(CanonicalJson.sha256(canonical), refs);
  }

  private Optional<ObjectNode> fetch(String namespace, String deployment, ConfigReference ref) {
    KubeResource type = ref.kind().equals("ConfigMap") ? KubeResource.CONFIG_MAPS : KubeResource.SECRETS;
    Optional<ObjectNode> object = client.find(type, namespace, ref.name());
    if (object.isEmpty() && !ref.optional()) {
      throw new PermanentAdapterException("Deployment " + namespace + "/" + deployment + " requires " + ref.kind() + " '"
          + ref.name() + "' (at " + String.join(", ", ref.usedAt()) + "), which does not exist; create it or mark the "
          + "reference optional");
    }
    return object;
  }

  private ObjectNode deployment(String namespace, String name) {
    try {
      return client.get(KubeResource.DEPLOYMENTS, namespace, name);
    } catch (KubeNotFoundException e) {
      throw new PermanentAdapterException("Deployment " + namespace + "/" + name + " not found", e);
    }
  }
}
