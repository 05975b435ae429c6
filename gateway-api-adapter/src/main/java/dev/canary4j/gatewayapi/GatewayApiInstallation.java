package dev.canary4j.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeForbiddenException;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the cluster's Gateway API installation supports, read from the HTTPRoute
 * CustomResourceDefinition once per served version.
 *
 * <p>The schema decides, not the release named in the {@code gateway.networking.k8s.io/bundle-version}
 * and {@code channel} annotations: the API server prunes every field its schema does not declare, so
 * a {@code percent} it does not know is silently dropped and the mirror copies every request. The
 * annotations only make the refusal readable.
 */
final class GatewayApiInstallation {

  static final KubeResource CRDS =
      new KubeResource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition");
  static final String HTTP_ROUTE_CRD = "httproutes.gateway.networking.k8s.io";

  /** Whether a percentage can be mirrored, and if not why. */
  record MirrorSupport(String refusal) {
    static final MirrorSupport SUPPORTED = new MirrorSupport(null);
  }

  private final KubeClient client;
  private final ConcurrentMap<String, MirrorSupport> mirror = new ConcurrentHashMap<>();

  GatewayApiInstallation(KubeClient client) {
    this.client = client;
  }

  /** Whether HTTPRoute {@code version}'s RequestMirror filter takes {@code percent}; asked once. */
  MirrorSupport mirrorPercent(String version) {
    MirrorSupport known = mirror.get(version);
    if (known != null) {
      return known;
    }
    MirrorSupport support = detect(version);
    mirror.putIfAbsent(version, support);
    return support;
  }

  private MirrorSupport detect(String version) {
    Optional<ObjectNode> crd;
    try {
      crd = client.find(CRDS, null, HTTP_ROUTE_CRD);
    } catch (KubeForbiddenException e) {
      throw new PermanentAdapterException("Cannot read CustomResourceDefinition " + HTTP_ROUTE_CRD + " to learn whether "
          + "its RequestMirror filter takes a percentage: grant 'get' on customresourcedefinitions.apiextensions.k8s.io "
          + "(resourceName " + HTTP_ROUTE_CRD + "), or configure mirrorPercent(SUPPORTED or UNSUPPORTED)", e);
    }
    if (crd.isEmpty()) {
      throw new PermanentAdapterException("CustomResourceDefinition " + HTTP_ROUTE_CRD + " not found: "
          + "are the Gateway API CRDs installed?");
    }
    JsonNode schema = null;
    for (JsonNode v : crd.get().path("spec").path("versions")) {
      if (version.equals(v.path("name").asText())) {
        schema = v.path("schema").path("openAPIV3Schema");
      }
    }
    JsonNode mirrorFields = schema == null ? null : schema.at("/properties/spec/properties/rules/items/properties/filters"
        + "/items/properties/requestMirror/properties");
    if (mirrorFields != null && mirrorFields.has("percent") && mirrorFields.has("fraction")) {
      return MirrorSupport.SUPPORTED;
    }
    JsonNode annotations = crd.get().path("metadata").path("annotations");
    String release = annotations.path("gateway.networking.k8s.io/bundle-version").asText("an unknown release");
    String channel = annotations.path("gateway.networking.k8s.io/channel").asText("unknown");
    return new MirrorSupport("the installed Gateway API (" + release + ", " + channel + " channel) has no percent field "
        + "in HTTPRoute " + version + "'s RequestMirror filter");
  }
}
