package dev.canary4j.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The primary's and the canary's Services as an HTTPRoute's {@code backendRefs} name them. A
 * reference is to a Service when its {@code kind} is absent or {@code Service} in the core group,
 * and in the route's namespace when its {@code namespace} is absent or that namespace.
 *
 * @param namespace the route's (and target's) namespace
 * @param primary the primary's Service name
 * @param canary the canary's Service name
 */
record Backends(String namespace, String primary, String canary) {

  boolean isPrimary(JsonNode ref) {
    return refersTo(ref, primary);
  }

  boolean isCanary(JsonNode ref) {
    return refersTo(ref, canary);
  }

  /** A reference to the canary shaped like {@code primary} (same group, kind, namespace, port), without filters. */
  ObjectNode canaryLike(JsonNode primary) {
    ObjectNode ref = ((ObjectNode) primary).objectNode();
    for (String field : new String[] {"group", "kind", "namespace"}) {
      if (primary.has(field)) {
        ref.set(field, primary.get(field).deepCopy());
      }
    }
    ref.put("name", canary);
    if (primary.has("port")) {
      ref.set("port", primary.get("port").deepCopy());
    }
    return ref;
  }

  String describePrimary() {
    return "Service " + primary;
  }

  String describeCanary() {
    return "Service " + canary;
  }

  private boolean refersTo(JsonNode ref, String service) {
    return service.equals(ref.path("name").asText(null))
        && ref.path("group").asText("").isEmpty()
        && ref.path("kind").asText("Service").equals("Service")
        && ref.path("namespace").asText(namespace).equals(namespace);
  }
}
